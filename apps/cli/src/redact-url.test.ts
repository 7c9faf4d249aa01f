import { describe, expect, it } from 'vitest';
import { passwordsOf, redactText, redactUrl, secretScrubber } from './redact-url.js';

describe('redactUrl', () => {
  it('replaces the password of a URL and keeps user, host, port and database', () => {
    expect(redactUrl('postgres://calib:s3cret@db.example:5432/conditions')).toBe('postgres://calib:***@db.example:5432/conditions');
    expect(redactUrl('postgresql://u:p%40ss@127.0.0.1/x?sslmode=disable')).toBe('postgresql://u:***@127.0.0.1/x?sslmode=disable');
    expect(redactUrl('postgres://u@host/db')).toBe('postgres://u@host/db');
    expect(redactUrl('postgres://host:5432/db')).toBe('postgres://host:5432/db');
    expect(redactUrl('./nucal.sqlite')).toBe('./nucal.sqlite');
  });

  it('redacts a password that contains @ up to the last @ before the host (as URL parsers read it)', () => {
    expect(redactUrl('postgres://u:p@ss@host:5432/db')).toBe('postgres://u:***@host:5432/db');
    expect(new URL('postgres://u:p@ss@host:5432/db').password).toBe('p%40ss');
  });

  it('redacts every URL and password= in a text', () => {
    expect(redactText('from postgres://a:x1@h/d to "postgres://b:y2@h2/d"; host=h password=z3 user=u')).toBe('from postgres://a:***@h/d to "postgres://b:***@h2/d"; host=h password=*** user=u');
  });
});

describe('secretScrubber', () => {
  it('removes the literal password of the given URLs, raw and percent-decoded', () => {
    expect(passwordsOf('postgres://u:se%2Fcret@h/d')).toEqual(['se%2Fcret', 'se/cret']);
    const scrub = secretScrubber(['postgres://u:se%2Fcret@h/d', 'postgres://v:ab@h/d', './x.sqlite']);
    expect(scrub('driver said: bad password "se/cret" for u')).toBe('driver said: bad password "***" for u');
    // too short to replace everywhere without garbling the text; still redacted inside URLs
    expect(scrub('database ab: postgres://v:ab@h/d')).toBe('database ab: postgres://v:***@h/d');
  });
});

describe('redaction cost', () => {
  it('is linear: a 1 MB argument without any URL takes milliseconds, not minutes', () => {
    const big = `{"y0PePerMeV": 1, "big": "${'x'.repeat(1_000_000)}"} and postgres://u:pw@h/d`;
    const t0 = performance.now();
    expect(redactText(big).endsWith('postgres://u:***@h/d')).toBe(true);
    expect(secretScrubber([big])(big)).toContain('postgres://u:***@h/d');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
