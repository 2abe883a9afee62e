import { describe, expect, it } from 'vitest';
import { formatDoctorReport, type DoctorReport } from '../../../src/engine/doctor/index.js';

const report: DoctorReport = {
  checks: [
    { id: 'kubectl', title: 'kubectl', status: 'ok', detail: 'kubectl v1.32.4 at /usr/local/bin/kubectl.' },
    { id: 'minikube', title: 'minikube', status: 'warn', detail: 'minikube (profile `minikube`) is stopped.', fix: 'minikube start' },
    {
      id: 'cluster',
      title: 'Cluster reachable',
      status: 'fail',
      detail: 'Cannot reach `minikube`: nothing is listening at https://127.0.0.1:1.\nSecond line.',
      fix: 'minikube start\nOr: kubedojo --sandbox',
    },
    { id: 'permissions', title: 'Permissions', status: 'skip', detail: 'The cluster did not answer.' },
  ],
  counts: { ok: 1, warn: 1, fail: 1, skip: 1 },
  passed: false,
  kubectl: ['kubectl'],
};

describe('formatDoctorReport', () => {
  it('writes plain ASCII without colour', () => {
    expect(formatDoctorReport(report, { color: false, ascii: true })).toBe(
      [
        'kubedojo doctor',
        '',
        '  [ok]   kubectl            kubectl v1.32.4 at /usr/local/bin/kubectl.',
        '  [warn] minikube           minikube (profile `minikube`) is stopped.',
        '                            fix: minikube start',
        '  [FAIL] Cluster reachable  Cannot reach `minikube`: nothing is listening at https://127.0.0.1:1.',
        '                            Second line.',
        '                            fix: minikube start',
        '                                 Or: kubedojo --sandbox',
        '  [skip] Permissions        The cluster did not answer.',
        '',
        '1 ok, 1 warning, 1 failed, 1 skipped',
        'Fix the failed checks, then run `kubedojo doctor` again.',
        '',
      ].join('\n'),
    );
  });

  it('uses Unicode symbols unless asked for ASCII', () => {
    const lines = formatDoctorReport(report, { color: false, ascii: false }).split('\n');
    expect(lines.slice(2, 5)).toEqual([
      '  ✔ kubectl            kubectl v1.32.4 at /usr/local/bin/kubectl.',
      '  ⚠ minikube           minikube (profile `minikube`) is stopped.',
      '                       fix: minikube start',
    ]);
    expect(lines).toContain('  ✖ Cluster reachable  Cannot reach `minikube`: nothing is listening at https://127.0.0.1:1.');
    expect(lines).toContain('  ○ Permissions        The cluster did not answer.');
  });

  it('colours each status and nothing else changes', () => {
    const coloured = formatDoctorReport(report, { color: true, ascii: true });
    expect(coloured).toContain('\u001b[32m[ok]  \u001b[39m');
    expect(coloured).toContain('\u001b[33m[warn]\u001b[39m');
    expect(coloured).toContain('\u001b[31m[FAIL]\u001b[39m');
    expect(coloured).toContain('\u001b[2m[skip]\u001b[22m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatDoctorReport(report, { color: false, ascii: true }));
  });

  it('ends with the verdict that matches the counts', () => {
    const warnOnly: DoctorReport = { ...report, checks: report.checks.slice(0, 2), counts: { ok: 1, warn: 1, fail: 0, skip: 0 }, passed: true };
    const allOk: DoctorReport = { ...report, checks: report.checks.slice(0, 1), counts: { ok: 1, warn: 0, fail: 0, skip: 0 }, passed: true };
    expect(formatDoctorReport(warnOnly, { color: false, ascii: true })).toMatch(/1 ok, 1 warning, 0 failed, 0 skipped\nkubedojo can run; the warnings above say what would make it better\.\n$/);
    expect(formatDoctorReport(allOk, { color: false, ascii: true })).toMatch(/Everything is ready: run `kubedojo`\.\n$/);
  });
});
