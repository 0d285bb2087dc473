// The files users look for in a project: a LICENSE that says what package.json says, and a CHANGELOG.md in
// Keep a Changelog's shape (an Unreleased section, dated versions, the usual kinds of change, and the
// version package.json carries).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as { license: string; version: string };

describe('LICENSE', () => {
  it('is the MIT licence package.json names', () => {
    expect(pkg.license).toBe('MIT');
    const license = read('LICENSE');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(license).toMatch(/THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/);
  });
});

describe('CHANGELOG.md', () => {
  const changelog = read('CHANGELOG.md');
  const versions = [...changelog.matchAll(/^## \[(.+?)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)];

  it('follows Keep a Changelog: Unreleased first, then dated versions, newest first', () => {
    expect(changelog).toMatch(/^# Changelog\n/);
    expect(changelog).toMatch(/keepachangelog\.com/);
    expect(versions[0]?.[1]).toBe('Unreleased');
    const released = versions.slice(1);
    expect(released.length).toBeGreaterThan(0);
    for (const v of released) {
      expect(v[1], v[0]).toMatch(/^\d+\.\d+\.\d+$/);
      expect(v[2], v[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const dates = released.map((v) => v[2]!);
    expect([...dates].sort().reverse()).toEqual(dates);
    // Every heading is a version, or one of the kinds of change.
    for (const heading of changelog.matchAll(/^(#{2,3}) (.*)$/gm)) {
      if (heading[1] === '###')
        expect(heading[2]).toMatch(/^(Added|Changed|Deprecated|Removed|Fixed|Security)$/);
      else expect(heading[2]).toMatch(/^\[/);
    }
  });

  it('has the version package.json carries', () => {
    expect(versions.map((v) => v[1])).toContain(pkg.version);
  });
});
