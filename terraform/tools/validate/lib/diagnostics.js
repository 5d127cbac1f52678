'use strict';
// Findings of every check, printed as `error[check] file:line address: message`.

class Diagnostics {
  constructor() {
    this.items = [];
    this.seen = new Set();
  }

  add({ severity = 'error', check, file, line, address, message }) {
    const key = `${severity}|${check}|${file}|${address}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({ severity, check, file, line, address, message });
  }

  error(check, where, message) {
    this.add({ severity: 'error', check, ...where, message });
  }

  warning(check, where, message) {
    this.add({ severity: 'warning', check, ...where, message });
  }

  get errors() {
    return this.items.filter((d) => d.severity === 'error');
  }

  get warnings() {
    return this.items.filter((d) => d.severity === 'warning');
  }

  merge(other) {
    for (const d of other.items) this.add(d);
  }

  static format(d) {
    const pos = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}` : '';
    const addr = d.address ? ` ${d.address}` : '';
    return `${d.severity}[${d.check}] ${pos}${addr}: ${d.message}`;
  }
}

module.exports = { Diagnostics };
