// The console's words, in English and Italian, the office's (office-text.js) merged in.
import { OFFICE_TEXT } from './office-text.js';

/** A PC's time in seconds as the race scores it: truncated to its resolution (rules.md, Resolution), 2 decimals by default. */
const pcSeconds = (ms, resolution) => {
  const digits = { TENTH: 1, SECOND: 0 }[resolution] ?? 2;
  const unit = 10 ** (3 - digits);
  return (Math.floor(ms / unit) * unit / 1000).toFixed(digits);
};

export const TEXT = {
  en: {
    anomalyTypes: { UNKNOWN_CAR: 'Car not entered', UNKNOWN_POINT: 'Unknown point', DUPLICATE: 'Duplicate', MULTIPLE_CROSSINGS: 'Later crossing', AFTER_RETIREMENT: 'After retirement', CO_UNRESOLVED: 'CO without its reference', OUTSIDE_LAPS: 'Outside the laps', LAP_LINE_MISSED: 'Lap line missed', GPS_CROSSING: 'GPS crossing (a hose that missed)' },
    title: 'Race direction', signInTitle: 'Sign in', token: 'Token', race: 'Race', signIn: 'Sign in', signOut: 'Sign out',
    toDecide: 'To decide', trials: 'Trials', crew: 'Crew', journal: 'Journal', publishRace: 'Publish the race', car: 'Car',
    show: 'Show', filterCrew: 'Crew', filterPerson: 'Person', points: 'Points', reason: 'Reason', confirmAction: 'Confirm',
    cancel: 'Cancel', counts: (a, i) => `${a} to decide · ${i} handled by the system (backup chronometers)`, nothing: 'Nothing to decide.',
    useGps: 'Use the GPS time', voidPassage: 'Void this passage', assignAverage: 'Assign average', neutralise: 'Neutralise', retire: 'Retire',
    stewardPenalty: 'Steward penalty', markHandled: 'Mark handled', close: 'Close', reopen: 'Reopen', publishLeg: n => `Publish leg ${n}`,
    restore: 'Restore', revoke: 'Revoke', needReason: 'Say why: the reason is kept with the decision.', needPoints: 'Give the points.',
    preview: (car, a, b) => `Car ${car}: score ${a} → ${b}`, noPreview: 'The scores do not change.', done: 'Done.',
    badToken: 'This token is not a race-direction token.', target: (ms, resolution) => `target ${pcSeconds(ms, resolution)} s`,
    passagesHere: 'Passages of this crew here', leg: 'Leg', trial: 'Trial', type: 'Type', status: 'Status', measured: 'Measured',
    pending: 'Pending', missed: 'Missed', published: (at, by) => `published ${at} by ${by}`, passages: 'Passages', results: 'Results',
    rulings: 'Rulings', point: 'Point', time: 'Time', device: 'Device', state: 'State', penalty: 'Penalty', who: 'By',
    revoked: (at, by, why) => `revoked ${at} by ${by}: ${why}`, voided: (by, why) => `voided by ${by}: ${why}`, langSwitch: 'Italiano',
    of: 'on', unknown: 'unknown', score: 'Score', lap: n => `lap ${n}`, circuit: n => `circuit, ${n} laps`,
    atRisk: 'Clocks', atRiskCars: cars => `⚠ at risk: car ${cars.join(', ')}`,
    atRiskNote: 'At risk: a PC timed by two devices whose clocks may together be more than a hundredth off.',
    protests: 'Protests', anomalies: 'Anomalies', newProtest: 'Record a protest', protestCar: 'Protesting car',
    protestBy: 'Lodged by (crew member)', protestSubject: 'What it is about', protestTrial: 'Trial (optional)',
    protestLeg: 'Leg (optional; neither: the whole race)', protestAt: 'Handed in at, race time (empty: now)', recordProtest: 'Record protest', noProtests: 'No protest to decide.',
    protestOf: (car, about) => `Protest of car ${car} · ${about}`, wholeRace: 'the whole race',
    lodged: (at, by) => `handed in ${at} by ${by}`, uphold: 'Uphold', reject: 'Reject', withdraw: 'Withdraw',
    rulingIfUpheld: 'Ruling if upheld', noRuling: 'no ruling', rulingCar: 'Car the ruling is about',
    postLeg: n => `Post leg ${n} as provisional`, postRace: 'Post the race as provisional',
    papers: 'Papers', paperStandings: 'Overall list (PDF)', paperCertificates: 'Certificates (PDF)',
    paperRegister: 'Register of checks (PDF)', paperRegisterSheet: 'Register of checks (workbook)',
    posted: (at, by, until) => `posted ${at} by ${by} · PROVISIONAL, protests until ${until}`,
    protestDecided: (outcome, why) => `protest ${outcome}: ${why}`, protestLodged: (car, what) => `PROTEST ${car}: ${what}`,
  },
  it: {
    anomalyTypes: { UNKNOWN_CAR: 'Vettura non iscritta', UNKNOWN_POINT: 'Punto sconosciuto', DUPLICATE: 'Doppione', MULTIPLE_CROSSINGS: 'Passaggio successivo', AFTER_RETIREMENT: 'Dopo il ritiro', CO_UNRESOLVED: 'CO senza riferimento', OUTSIDE_LAPS: 'Fuori dai giri', LAP_LINE_MISSED: 'Linea del giro mancata', GPS_CROSSING: 'Passaggio GPS (pressostato mancato)' },
    title: 'Direzione gara', signInTitle: 'Accesso', token: 'Token', race: 'Gara', signIn: 'Accedi', signOut: 'Esci',
    toDecide: 'Da decidere', trials: 'Prove', crew: 'Equipaggio', journal: 'Registro', publishRace: 'Pubblica la gara', car: 'Vettura',
    show: 'Mostra', filterCrew: 'Equipaggio', filterPerson: 'Persona', points: 'Punti', reason: 'Motivo', confirmAction: 'Conferma',
    cancel: 'Annulla', counts: (a, i) => `${a} da decidere · ${i} gestite dal sistema (cronometri di riserva)`, nothing: 'Niente da decidere.',
    useGps: 'Usa il tempo GPS', voidPassage: 'Annulla questo passaggio', assignAverage: 'Assegna la media', neutralise: 'Neutralizza', retire: 'Ritira',
    stewardPenalty: 'Penalità dei commissari', markHandled: 'Segna come gestita', close: 'Chiudi', reopen: 'Riapri',
    publishLeg: n => `Pubblica la tappa ${n}`, restore: 'Ripristina', revoke: 'Revoca',
    needReason: 'Scrivi il motivo: resta con la decisione.', needPoints: 'Indica i punti.',
    preview: (car, a, b) => `Vettura ${car}: punteggio ${a} → ${b}`, noPreview: 'I punteggi non cambiano.', done: 'Fatto.',
    badToken: 'Questo non è un token della direzione gara.', target: (ms, resolution) => `tempo imposto ${pcSeconds(ms, resolution)} s`,
    passagesHere: 'Passaggi di questo equipaggio qui', leg: 'Tappa', trial: 'Prova', type: 'Tipo', status: 'Stato', measured: 'Misurate',
    pending: 'In attesa', missed: 'Mancate', published: (at, by) => `pubblicata ${at} da ${by}`, passages: 'Passaggi', results: 'Risultati',
    rulings: 'Decisioni', point: 'Punto', time: 'Ora', device: 'Dispositivo', state: 'Stato', penalty: 'Penalità', who: 'Da',
    revoked: (at, by, why) => `revocata ${at} da ${by}: ${why}`, voided: (by, why) => `annullato da ${by}: ${why}`, langSwitch: 'English',
    of: 'su', unknown: 'sconosciuto', score: 'Punteggio', lap: n => `giro ${n}`, circuit: n => `circuito, ${n} giri`,
    atRisk: 'Orologi', atRiskCars: cars => `⚠ a rischio: vettura ${cars.join(', ')}`,
    atRiskNote: 'A rischio: una PC cronometrata da due dispositivi i cui orologi insieme possono sbagliare di più di un centesimo.',
    protests: 'Reclami', anomalies: 'Anomalie', newProtest: 'Registra un reclamo', protestCar: 'Vettura che reclama',
    protestBy: 'Presentato da (membro dell\'equipaggio)', protestSubject: 'Oggetto', protestTrial: 'Prova (facoltativa)',
    protestLeg: 'Tappa (facoltativa; nessuna delle due: tutta la gara)', protestAt: 'Consegnato alle, ora della gara (vuoto: adesso)', recordProtest: 'Registra il reclamo', noProtests: 'Nessun reclamo da decidere.',
    protestOf: (car, about) => `Reclamo della vettura ${car} · ${about}`, wholeRace: 'tutta la gara',
    lodged: (at, by) => `consegnato ${at} da ${by}`, uphold: 'Accogli', reject: 'Respingi', withdraw: 'Ritira',
    rulingIfUpheld: 'Provvedimento se accolto', noRuling: 'nessun provvedimento', rulingCar: 'Vettura del provvedimento',
    postLeg: n => `Affiggi la tappa ${n} come provvisoria`, postRace: 'Affiggi la gara come provvisoria',
    papers: 'Documenti', paperStandings: 'Classifica assoluta (PDF)', paperCertificates: 'Certificati (PDF)',
    paperRegister: 'Registro delle verifiche (PDF)', paperRegisterSheet: 'Registro delle verifiche (foglio di calcolo)',
    posted: (at, by, until) => `affissa ${at} da ${by} · PROVVISORIA, reclami fino alle ${until}`,
    protestDecided: (outcome, why) => `reclamo ${outcome}: ${why}`, protestLodged: (car, what) => `RECLAMO ${car}: ${what}`,
  },
};

Object.keys(TEXT).forEach(l => Object.assign(TEXT[l], OFFICE_TEXT[l]));
