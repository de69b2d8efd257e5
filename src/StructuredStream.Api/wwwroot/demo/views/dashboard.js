// Dashboard (schema sales-dashboard): KPI cards in reserved slots, a chart of fixed size whose series grow point by
// point, and table rows that appear in place inside a box of fixed height. Nothing already drawn moves.
import { el, setText, setFlag, member } from '../dom.js';

const svg = 'http://www.w3.org/2000/svg';
const kpiSlots = 8;
const chart = { width: 640, height: 200, pad: 28 };
const numbers = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const money = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function createDashboardView(panel) {
  const period = el('p', { class: 'period' });
  const cards = Array.from({ length: kpiSlots }, () => {
    const label = el('span', { class: 'kpi-label' });
    const value = el('span', { class: 'kpi-value' });
    const change = el('span', { class: 'kpi-change' });
    return { card: el('div', { class: 'kpi empty' }, label, value, change), label, value, change };
  });
  const plot = document.createElementNS(svg, 'svg');
  plot.setAttribute('viewBox', `0 0 ${chart.width} ${chart.height}`);
  plot.setAttribute('class', 'chart');
  plot.setAttribute('role', 'img');
  plot.setAttribute('aria-label', 'Revenue trend per series');
  const legend = el('ul', { class: 'legend' });
  const body = el('tbody');
  const table = el('table', { class: 'rows' },
    el('caption', { class: 'visually-hidden', text: 'Sales by region and product' }),
    el('thead', {}, el('tr', {}, ...['Region', 'Product', 'Revenue', 'Units'].map(h => el('th', { scope: 'col', text: h })))),
    body);
  const summary = el('p', { class: 'summary' });
  panel.replaceChildren(el('div', { class: 'dashboard-view' },
    period,
    el('div', { class: 'kpis' }, ...cards.map(c => c.card)),
    el('div', { class: 'chart-box' }, plot, legend),
    el('div', { class: 'table-box', tabindex: '0', 'aria-label': 'Sales rows (scrollable)' }, table),
    summary));

  return {
    reset() {
      this.render(undefined, () => false);
    },

    render(object, isComplete) {
      const range = member(object, 'period');
      setText(period, range ? `Period ${member(range, 'from') ?? '…'} to ${member(range, 'to') ?? '…'}` : 'Period …');

      const kpis = member(object, 'kpis') ?? [];
      cards.forEach((slot, i) => {
        const kpi = kpis[i];
        setFlag(slot.card, 'empty', kpi === undefined);
        setFlag(slot.card, 'complete', kpi !== undefined && isComplete(`/kpis/${i}`));
        setText(slot.label, member(kpi, 'label') ?? '');
        const value = member(kpi, 'value');
        setText(slot.value, value === undefined ? '' : withUnit(value, member(kpi, 'unit')));
        const change = member(kpi, 'change');
        setText(slot.change, change === undefined ? '' : `${change >= 0 ? '▲' : '▼'} ${numbers.format(Math.abs(change))}%`);
        setFlag(slot.change, 'down', change < 0);
      });

      renderRows(body, member(object, 'rows') ?? [], isComplete);
      renderChart(plot, legend, member(object, 'series') ?? []);
      setText(summary, member(object, 'summary') ?? '');
    },

    describe(path, object) {
      const parts = path.split('/');
      if (path === '') return 'The dashboard is complete.';
      if (parts.length === 3 && parts[1] === 'kpis') {
        const kpi = member(object, 'kpis')?.[Number(parts[2])];
        return kpi ? `${member(kpi, 'label')}: ${withUnit(member(kpi, 'value'), member(kpi, 'unit'))}.` : null;
      }
      if (parts.length === 2 && parts[1] === 'rows') return `${member(object, 'rows')?.length ?? 0} table rows.`;
      if (parts.length === 2 && parts[1] === 'summary') return 'Summary written.';
      return null;
    },
  };
}

function renderRows(body, rows, isComplete) {
  // Rows are keyed by index: existing rows are updated in place, new ones appended, none rebuilt.
  for (let i = 0; i < rows.length; i++) {
    let tr = body.children[i];
    if (!tr) {
      tr = el('tr', {}, el('td'), el('td'), el('td', { class: 'num' }), el('td', { class: 'num' }));
      body.append(tr);
    }
    const row = rows[i];
    const cells = tr.children;
    setText(cells[0], member(row, 'region') ?? '');
    setText(cells[1], member(row, 'product') ?? '');
    const revenue = member(row, 'revenue');
    setText(cells[2], revenue === undefined ? '' : numbers.format(revenue));
    const units = member(row, 'units');
    setText(cells[3], units === undefined ? '' : numbers.format(units));
    setFlag(tr, 'complete', isComplete(`/rows/${i}`));
  }
  while (body.children.length > rows.length) body.lastElementChild.remove();
}

function renderChart(plot, legend, series) {
  const points = series.flatMap(s => (member(s, 'points') ?? []).filter(p => Array.isArray(p) && typeof p[1] === 'number'));
  const times = points.map(p => Date.parse(p[0])).filter(Number.isFinite);
  const values = points.map(p => p[1]);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [v0, v1] = [Math.min(0, ...values), Math.max(1, ...values)];
  const x = t => chart.pad + (t1 > t0 ? (t - t0) / (t1 - t0) : 0.5) * (chart.width - 2 * chart.pad);
  const y = v => chart.height - chart.pad - ((v - v0) / (v1 - v0)) * (chart.height - 2 * chart.pad);

  series.forEach((s, i) => {
    let line = plot.children[i];
    if (!line) {
      line = document.createElementNS(svg, 'polyline');
      line.setAttribute('class', `series series-${i % 6}`);
      plot.append(line);
      legend.append(el('li', { class: `series-${i % 6}` }));
    }
    const coordinates = (member(s, 'points') ?? [])
      .filter(p => Array.isArray(p) && typeof p[1] === 'number' && Number.isFinite(Date.parse(p[0])))
      .sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]))
      .map(p => `${x(Date.parse(p[0])).toFixed(1)},${y(p[1]).toFixed(1)}`);
    // One point has no segment to draw; doubled, its round cap shows as a dot.
    const drawn = (coordinates.length === 1 ? [coordinates[0], coordinates[0]] : coordinates).join(' ');
    if (line.getAttribute('points') !== drawn) line.setAttribute('points', drawn);
    setText(legend.children[i], member(s, 'name') ?? '');
  });
  while (plot.children.length > series.length) plot.lastElementChild.remove();
  while (legend.children.length > series.length) legend.lastElementChild.remove();
}

function withUnit(value, unit) {
  const amount = numbers.format(value);
  switch (unit) {
    case 'EUR': return `€${money.format(value)}`;
    case 'USD': return `$${money.format(value)}`;
    case 'percent': return `${amount}%`;
    case 'units': return `${amount} units`;
    default: return amount;
  }
}
