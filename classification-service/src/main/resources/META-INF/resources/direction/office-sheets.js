// What the office does alike with a spreadsheet: read a chosen file, download one with the token, show each problem a
// sheet read has next to its row.
import { el, fill, language } from '/shared/page.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A chosen file's bytes and their content type (a workbook by its name or its first bytes, else CSV). */
export async function readFile(input) {
  const file = input.files && input.files[0];
  if (!file) {
    return null;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const workbook = /\.xlsx$/i.test(file.name) || (bytes[0] === 0x50 && bytes[1] === 0x4b);
  return { bytes, type: workbook ? XLSX : 'text/csv; charset=UTF-8' };
}

/** Saves what a GET answers as a file (the token goes in a header, so a plain link cannot do it). */
export async function download(base, path, accept, name, token) {
  const headers = { Accept: accept, 'Accept-Language': language() };
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  const response = await fetch(base + path, { headers });
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText}`);
  }
  const url = URL.createObjectURL(await response.blob());
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The row number a problem names ("row 14.targetMs", "row 14: …"), or null. */
function rowOf(problem) {
  const m = /^row (\d+)/.exec(problem.field || '') || /^row (\d+)/.exec(problem.message || '');
  return m ? Number(m[1]) : null;
}

/** Problems by the row they name; those naming none under 0. */
export function byRow(problems) {
  const rows = new Map();
  for (const p of problems) {
    const r = rowOf(p) ?? 0;
    rows.set(r, [...(rows.get(r) || []), p.message]);
  }
  return rows;
}

export function showProblems(list, problems) {
  fill(list, ...problems.map(p => el('li', {}, p.message)));
}
