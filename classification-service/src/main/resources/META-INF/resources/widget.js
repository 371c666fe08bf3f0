// The widget for the organiser's website (widget.html#/race/{id}?list=…&size=10&lang=it): the top of one list, live over
// the compact stream. A page of its own because it is the one page of this service another site may frame
// (regularity.pages.embeddable); the dashboard, the console and everything else are framed by nobody.
import { el as h, fill } from '/shared/page.js';
import { closeStream, lang, parseHash, t } from './dashboard-core.js';
import { widgetPage } from './dashboard-screen.js';

const app = document.getElementById('app');

async function route() {
  closeStream();
  document.documentElement.lang = lang();
  const { parts, params } = parseHash();
  try {
    if (parts[0] !== 'race' || !parts[1]) {
      throw new Error('#/race/{raceId}');
    }
    await widgetPage(app, parts[1], params);
  } catch (e) {
    fill(app, h('p', { class: 'error', role: 'alert' }, t().couldNotLoad(e.message)));
  }
}

window.addEventListener('hashchange', route);
route();
