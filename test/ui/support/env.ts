// Imported first by the render helper: chalk (inside Ink) decides its colour level when it is
// first imported, and a vitest worker's stdout is not a TTY. Colour assertions need colours on.
process.env['FORCE_COLOR'] = '1';
// The screen reads NO_COLOR / TERM for options a test leaves unset; keep the host's out.
delete process.env['NO_COLOR'];
if (process.env['TERM'] === 'dumb') process.env['TERM'] = 'xterm-256color';
