import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../shared/descriptions';

export const getAllDescription = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['getAll'] } },
	returnAllOrLimit,
);
