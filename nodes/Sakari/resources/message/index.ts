import { resource } from '../../shared/resource';
import { get } from './get';
import { getAll } from './getAll';
import { send } from './send';
import { sendAndWaitOperation } from './sendAndWait';

export const message = resource(
	{ name: 'Message', value: 'message', description: 'Send an SMS or MMS, or read sent and received messages' },
	[get, getAll, send, sendAndWaitOperation],
	'send',
);
