// Copies every node and credential icon next to the compiled code in dist/. Both streams are returned
// (merged), so gulp waits for all of them and no icon is silently missing.
const { src, dest, parallel } = require('gulp');

function copyIcons(folder) {
	const task = () => src(`${folder}/**/*.{png,svg}`, { encoding: false }).pipe(dest(`dist/${folder}`));
	task.displayName = `icons:${folder}`;
	return task;
}

exports['build:icons'] = parallel(copyIcons('nodes'), copyIcons('credentials'));
