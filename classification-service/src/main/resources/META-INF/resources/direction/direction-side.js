// The console as its views see it (direction-race.js, direction-crew.js): the calls, the texts, the clock and the
// dialog, given once by direction.js (provide) before any view is drawn.
export const side = {};

export const provide = console => Object.assign(side, console);

export const $ = id => document.getElementById(id);
export const t = () => side.t();
export const r = path => side.r(path);
export const classification = (method, path, body) => side.classification(method, path, body);
export const route = (method, path, body) => side.route(method, path, body);
export const timing = (method, path, body) => side.timing(method, path, body);
export const ask = (...args) => side.ask(...args);
export const act = work => side.act(work);
export const when = iso => side.when(iso);
export const clock = iso => side.clock(iso);
export const say = text => side.say(text);
