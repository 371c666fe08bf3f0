// What every part of the timekeeper app shares: what it keeps in localStorage, the post it is set up as, the races it
// knows, its clock and its crossings (state), the language, and a time of day to the millisecond.
import { TEXT } from './app-text.js';

export const $ = id => document.getElementById(id);
export const store = {
  get: key => { try { return JSON.parse(localStorage.getItem('timekeeper.' + key)); } catch (e) { return null; } },
  set: (key, value) => localStorage.setItem('timekeeper.' + key, JSON.stringify(value)),
};

export const state = {
  lang: store.get('lang') || ((navigator.language || 'en').toLowerCase().startsWith('it') ? 'it' : 'en'),
  setup: store.get('setup'),          // {token, race, leg, point, device}
  races: store.get('races') || [],    // what /api/races said last, for offline use
  clock: store.get('clock'),          // {offsetMs, rttMs, at}
  crossings: [],                      // every crossing, newest first (a copy of IndexedDB)
  editing: null,                      // id of the crossing the car field numbers or corrects
};
export const t = () => TEXT[state.lang];

export const currentRace = () => (state.setup && state.races.find(r => r.id === state.setup.race)) || null;
export const currentLeg = () => { const race = currentRace(); return (race && race.legs.find(l => l.number === state.setup.leg)) || null; };

export const localTime = ms => {
  const d = new Date(ms);
  return d.toLocaleTimeString(state.lang === 'it' ? 'it-IT' : 'en-GB', { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
};
