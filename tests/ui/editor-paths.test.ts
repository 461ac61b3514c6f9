import { describe, expect, it } from 'vitest';
import {
  HOME, applyCommandFor, displayPath, fileNameProblem, homeFiles, homePath, isManifestPath, relativeName,
} from '../../src/features/editor/paths';

describe('editor paths', () => {
  it('shows files under the home directory relative to ~ and others as they are', () => {
    expect(displayPath(`${HOME}/mongo.svc.yaml`)).toBe('~/mongo.svc.yaml');
    expect(displayPath(`${HOME}/k8s/web.yaml`)).toBe('~/k8s/web.yaml');
    expect(displayPath(HOME)).toBe('~');
    expect(displayPath('/tmp/kubectl-edit-3.yaml')).toBe('/tmp/kubectl-edit-3.yaml');
    expect(displayPath('/home/studentx/a')).toBe('/home/studentx/a');
    expect(relativeName(`${HOME}/k8s/web.yaml`)).toBe('k8s/web.yaml');
    expect(relativeName('/etc/hosts')).toBe('/etc/hosts');
  });

  it('resolves typed names under the home directory', () => {
    expect(homePath('mongo.yaml')).toBe(`${HOME}/mongo.yaml`);
    expect(homePath('~/k8s/a.yaml')).toBe(`${HOME}/k8s/a.yaml`);
    expect(homePath(' web.yaml ')).toBe(`${HOME}/web.yaml`);
    expect(homePath('/tmp/x.yaml')).toBe('/tmp/x.yaml');
  });

  it('lists only the files under ~, sorted', () => {
    const files = [
      { path: `${HOME}/b.yaml`, content: '' }, { path: '/tmp/kubectl-edit-1.yaml', content: '' },
      { path: `${HOME}/a.yaml`, content: '' }, { path: '/home/studentx/c', content: '' },
    ];
    expect(homeFiles(files).map((f) => f.path)).toEqual([`${HOME}/a.yaml`, `${HOME}/b.yaml`]);
  });

  it.each([
    ['', 'Type a file name'],
    ['   ', 'Type a file name'],
    ['/etc/passwd', 'not an absolute path'],
    ['k8s/', 'cannot end with "/"'],
    ['a//b.yaml', '"//"'],
    ['../x.yaml', '".."'],
    ['./x.yaml', '"."'],
    ['my file.yaml', '"my file.yaml" has characters'],
    ['<b>.yaml', 'has characters'],
    ['a'.repeat(256), 'at most 255'],
    ['web.yaml', '~/web.yaml already exists'],
    ['~/web.yaml', '~/web.yaml already exists'],
    ['k8s', '~/k8s is a folder'],
  ])('refuses %j', (name, message) => {
    expect(fileNameProblem(name, [`${HOME}/web.yaml`, `${HOME}/k8s/svc.yaml`])).toContain(message);
  });

  it.each(['mongo.svc.yaml', 'k8s/new.yaml', '~/data-api_v2.yml', '.env', 'Dockerfile'])('accepts %j', (name) => {
    expect(fileNameProblem(name, [`${HOME}/web.yaml`, `${HOME}/k8s/svc.yaml`])).toBeUndefined();
  });

  it('lets a renamed file keep its own name', () => {
    expect(fileNameProblem('web.yaml', [`${HOME}/web.yaml`], `${HOME}/web.yaml`)).toBeUndefined();
    expect(fileNameProblem('web.yaml', [`${HOME}/web.yaml`], `${HOME}/other.yaml`)).toContain('already exists');
  });

  it('knows which files the engine checks as manifests', () => {
    expect(['a.yaml', 'a.YML', 'b.json', 'k8s/x.yml'].map(isManifestPath)).toEqual([true, true, true, true]);
    expect(['notes.txt', 'yaml', 'a.yaml.bak', 'run.sh'].map(isManifestPath)).toEqual([false, false, false, false]);
  });

  it('types an Apply line the shell reads back as the same path', () => {
    expect(applyCommandFor(`${HOME}/mongo.svc.yaml`)).toBe('kubectl apply -f ~/mongo.svc.yaml');
    expect(applyCommandFor(`${HOME}/k8s/web.yaml`)).toBe('kubectl apply -f ~/k8s/web.yaml');
    expect(applyCommandFor('/tmp/web.yaml')).toBe('kubectl apply -f /tmp/web.yaml');
    expect(applyCommandFor(`${HOME}/my web.yaml`)).toBe(`kubectl apply -f '${HOME}/my web.yaml'`);
    expect(applyCommandFor(`${HOME}/it's.yaml`)).toBe(`kubectl apply -f '${HOME}/it'\\''s.yaml'`);
  });
});
