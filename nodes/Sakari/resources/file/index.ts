import { resource } from '../../shared/resource';
import { upload } from './upload';

export const file = resource(
	{ name: 'File', value: 'file', description: 'A file hosted by Sakari, for a link in a text or as MMS media' },
	[upload],
	'upload',
);
