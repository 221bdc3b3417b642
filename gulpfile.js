// @ts-check
// Copies the icons (one source, icons/, shared by both nodes and the credential through `file:../…/icons/…`)
// and each node's codex file (X.node.json) next to the compiled code in dist/. All streams are returned (in
// parallel), so gulp waits for each and none goes missing.
const { src, dest, parallel } = require('gulp');

/** @param {string} folder */
function copyAssets(folder) {
	const task = () =>
		src([`${folder}/**/*.{png,svg}`, `${folder}/**/*.node.json`], { encoding: false, allowEmpty: true }).pipe(dest(`dist/${folder}`));
	task.displayName = `assets:${folder}`;
	return task;
}

exports['build:icons'] = parallel(copyAssets('icons'), copyAssets('nodes'));
