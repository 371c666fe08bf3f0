// The timekeeper app's words, in English and Italian, the instruments' (instruments.js) merged in.
import { INSTRUMENT_TEXT } from './instruments.js';

export const TEXT = {
  en: {
    title: 'Timing post', setupTitle: 'Set up the post', token: 'Token', race: 'Race', leg: 'Leg', point: 'Timing point',
    device: 'Device', start: 'Start', changePost: 'Change post', crossing: 'Crossing', car: 'Car', saveCar: 'Save car',
    nextExpected: 'Next expected', sendNow: 'Send now', lastCrossings: 'Last crossings at this post',
    waiting: n => `${n} waiting`, allSent: 'all sent', toNumber: n => `${n} to number`,
    states: { new: 'to number', waiting: 'waiting', sent: 'sent', duplicate: 'sent (already stored)', rejected: 'rejected',
      conflict: 'rejected: id already used', 'void-waiting': 'correction waiting', voided: 'voided (corrected)',
      'void-refused': 'correction refused: ask race direction to void it' },
    edit: 'Edit car', del: 'Delete', correct: 'Correct', editing: t => `Type the car for the crossing at ${t}, then Enter.`,
    noCrossing: 'No crossing to number: press Crossing first.', badCar: 'A car number is a whole number from 1.',
    clockUnknown: 'Clock offset unknown: not yet measured against the server.',
    clockBad: ms => `Clock offset ${ms} ms: check the device's clock.`, clockOk: (ms, u) => `Clock offset ${ms} ms ± ${u} ms.`,
    clockPc: u => `Clock uncertain by ${u} ms: times from this phone may be off by more than a hundredth. At a PC post, time with a chronometer or type its strip.`,
    lastAccepted: t => `Last batch accepted at ${t}.`, offline: s => `No network: retrying in ${s} s.`,
    refused: m => `The server refused the batch: ${m}`, needToken: 'Paste the token race direction gave you.',
    needAll: 'Choose the race, the leg, the timing point and the device.', badToken: 'This is not a token.',
    noRaces: 'No race is known yet (no network?).', correctedReason: (a, b) => `car ${a} corrected to ${b} at the post`,
    langSwitch: 'Italiano', km: 'km', lapLine: n => `lap line (${n} laps)`, everyLap: n => `every lap (${n})`,
    circuit: n => `circuit, ${n} laps`,
  },
  it: {
    title: 'Posto di rilevamento', setupTitle: 'Prepara il posto', token: 'Token', race: 'Gara', leg: 'Tappa',
    point: 'Punto di rilevamento', device: 'Dispositivo', start: 'Inizia', changePost: 'Cambia posto', crossing: 'Passaggio',
    car: 'Vettura', saveCar: 'Salva vettura', nextExpected: 'Prossima attesa', sendNow: 'Invia ora',
    lastCrossings: 'Ultimi passaggi a questo posto',
    waiting: n => `${n} in attesa`, allSent: 'tutto inviato', toNumber: n => `${n} da numerare`,
    states: { new: 'da numerare', waiting: 'in attesa', sent: 'inviato', duplicate: 'inviato (già registrato)', rejected: 'rifiutato',
      conflict: 'rifiutato: id già usato', 'void-waiting': 'correzione in attesa', voided: 'annullato (corretto)',
      'void-refused': 'correzione rifiutata: chiedi alla direzione gara di annullarlo' },
    edit: 'Modifica vettura', del: 'Elimina', correct: 'Correggi',
    editing: t => `Scrivi la vettura del passaggio delle ${t}, poi Invio.`,
    noCrossing: 'Nessun passaggio da numerare: premi prima Passaggio.', badCar: 'Il numero di gara è un intero da 1 in su.',
    clockUnknown: 'Scarto dell\'orologio sconosciuto: non ancora misurato con il server.',
    clockBad: ms => `Scarto dell'orologio ${ms} ms: controlla l'ora del dispositivo.`, clockOk: (ms, u) => `Scarto dell'orologio ${ms} ms ± ${u} ms.`,
    clockPc: u => `Orologio incerto di ${u} ms: i tempi di questo telefono possono sbagliare di più di un centesimo. A un posto di PC, cronometra con un cronometro o scrivi la sua striscia.`,
    lastAccepted: t => `Ultimo invio accettato alle ${t}.`, offline: s => `Nessuna rete: nuovo tentativo tra ${s} s.`,
    refused: m => `Il server ha rifiutato l'invio: ${m}`, needToken: 'Incolla il token ricevuto dalla direzione gara.',
    needAll: 'Scegli gara, tappa, punto di rilevamento e dispositivo.', badToken: 'Questo non è un token.',
    noRaces: 'Nessuna gara nota (manca la rete?).', correctedReason: (a, b) => `vettura ${a} corretta in ${b} al posto`,
    langSwitch: 'English', km: 'km', lapLine: n => `linea del giro (${n} giri)`, everyLap: n => `ogni giro (${n})`,
    circuit: n => `circuito, ${n} giri`,
  },
};

Object.keys(TEXT).forEach(l => Object.assign(TEXT[l], INSTRUMENT_TEXT[l]));
