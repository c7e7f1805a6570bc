import { describe, expect, it } from 'vitest';
import { unwrap, type Result } from '../../../shared/api/result';
import { createStudioCore, type StudioCore } from '../../../electron/core/studio-core';
import { docJson } from '../../fixtures/lexical';
import { tempDir } from '../../helpers/temp-dir';

const call = <T = any>(core: StudioCore, method: string, input: unknown = {}): T => unwrap(core.call(method, input) as Result<T>);
const errorOf = (result: unknown) => (result as { ok: false; error: { code: string } }).error;

describe('studio core: projects archive and trash (migration 0009)', () => {
  it('archives, trashes and restores a project, its documents untouched', () => {
    const dir = tempDir();
    let core = createStudioCore({ dataDir: dir, host: 'browser' });
    const a = call(core, 'projects.create', { title: 'Alpha' });
    call(core, 'projects.create', { title: 'Beta' });
    const doc = call(core, 'documents.create', { projectId: a.id, title: 'One' });
    call(core, 'documents.save', { id: doc.id, content: docJson(['three words here']) });

    expect(call(core, 'projects.archive', { id: a.id, archived: true }).archivedAt).toEqual(expect.any(String));
    expect(call(core, 'projects.list').find((p: any) => p.id === a.id).archivedAt).not.toBeNull();
    expect(call(core, 'projects.archive', { id: a.id, archived: false }).archivedAt).toBeNull();

    call(core, 'projects.trash', { id: a.id });
    expect(call(core, 'projects.list').map((p: any) => p.title)).toEqual(['Beta']);
    expect(call(core, 'projects.trashed').map((p: any) => [p.title, p.wordCount])).toEqual([['Alpha', 3]]);
    core.close();

    core = createStudioCore({ dataDir: dir, host: 'browser' });
    call(core, 'projects.restore', { id: a.id });
    expect(call(core, 'projects.list').map((p: any) => p.title).sort()).toEqual(['Alpha', 'Beta']);
    expect(call(core, 'projects.trashed')).toEqual([]);
    expect(call(core, 'documents.tree', { projectId: a.id }).map((d: any) => d.title)).toEqual(['One']);
    expect(errorOf(core.call('projects.trash', { id: crypto.randomUUID() })).code).toBe('not_found');
    expect(errorOf(core.call('projects.archive', { id: a.id })).code).toBe('invalid_input');
    core.close();
  });

  it('restores a trashed document to the same parent and position', () => {
    const core = createStudioCore({ dataDir: tempDir(), host: 'browser' });
    const p = call(core, 'projects.create', { title: 'P' });
    const ch = call(core, 'documents.create', { projectId: p.id, title: 'Chapter' });
    const [s1, s2, s3] = ['S1', 'S2', 'S3'].map((title) => call(core, 'documents.create', { projectId: p.id, parentId: ch.id, title }));
    call(core, 'documents.trash', { id: s2.id });
    call(core, 'documents.create', { projectId: p.id, parentId: ch.id, title: 'S4' });
    call(core, 'documents.restore', { id: s2.id });
    const scenes = call(core, 'documents.tree', { projectId: p.id }).filter((d: any) => d.parentId === ch.id);
    expect(scenes.map((d: any) => [d.title, d.position])).toEqual([
      ['S1', 0],
      ['S2', 1],
      ['S3', 2],
      ['S4', 3],
    ]);
    // A trashed chapter takes its scenes out of the tree and brings them back with it.
    call(core, 'documents.trash', { id: ch.id });
    expect(call(core, 'documents.tree', { projectId: p.id })).toEqual([]);
    call(core, 'documents.restore', { id: ch.id });
    expect(call(core, 'documents.tree', { projectId: p.id }).map((d: any) => d.title)).toEqual(['Chapter', 'S1', 'S2', 'S3', 'S4']);
    expect([s1, s3].every(Boolean)).toBe(true);
    core.close();
  });

  it('remembers the last opened project and document, and where the writer left off', () => {
    const dir = tempDir();
    // A second between actions, as a writer takes: two opens in the same millisecond would tie.
    let now = Date.parse('2026-11-02T09:00:00Z');
    const clock = () => new Date((now += 1000));
    let core = createStudioCore({ dataDir: dir, host: 'browser', clock });
    const a = call(core, 'projects.create', { title: 'A' });
    const b = call(core, 'projects.create', { title: 'B' });
    const docA = call(core, 'documents.create', { projectId: a.id, title: 'In A' });
    const docB = call(core, 'documents.create', { projectId: b.id, title: 'In B' });
    call(core, 'documents.open', { id: docB.id });
    call(core, 'documents.open', { id: docA.id });
    expect(call(core, 'documents.open', { id: docA.id }).place).toBeNull();
    call(core, 'documents.setPlace', { id: docA.id, place: { block: 12, offset: 40, scroll: 5230.5 } });
    const updated = call(core, 'documents.tree', { projectId: a.id })[0].updatedAt;
    core.close();

    core = createStudioCore({ dataDir: dir, host: 'browser', clock });
    const list = call(core, 'projects.list');
    const latest = [...list].sort((x: any, y: any) => String(y.openedAt).localeCompare(String(x.openedAt)))[0];
    expect([latest.id, latest.lastDocumentId]).toEqual([a.id, docA.id]);
    expect(list.find((p: any) => p.id === b.id).lastDocumentId).toBe(docB.id);
    expect(call(core, 'documents.open', { id: docA.id }).place).toEqual({ block: 12, offset: 40, scroll: 5230.5 });
    // Leaving a place is not an edit.
    expect(call(core, 'documents.tree', { projectId: a.id })[0].updatedAt).toBe(updated);
    expect(errorOf(core.call('documents.setPlace', { id: docA.id, place: { block: -1, offset: 0, scroll: 0 } })).code).toBe('invalid_input');
    core.close();
  });

  it('keeps editor settings, with defaults, and refuses values out of range', () => {
    const dir = tempDir();
    let core = createStudioCore({ dataDir: dir, host: 'browser' });
    expect(call(core, 'settings.get')).toMatchObject({ smartQuotes: true, typewriter: false, editorFont: 'literata', editorFontSize: 19, lineWidth: 68, binderOpen: true, sidebarOpen: true });
    call(core, 'settings.set', { smartQuotes: false, editorFont: 'sans', editorFontSize: 22, lineWidth: 80, sidebarOpen: false });
    expect(errorOf(core.call('settings.set', { editorFontSize: 200 })).code).toBe('invalid_input');
    expect(errorOf(core.call('settings.set', { editorFont: 'comic' })).code).toBe('invalid_input');
    expect(errorOf(core.call('settings.set', { communityUrl: 'http://x' })).code).toBe('invalid_input');
    core.close();
    core = createStudioCore({ dataDir: dir, host: 'browser' });
    expect(call(core, 'settings.get')).toMatchObject({ smartQuotes: false, editorFont: 'sans', editorFontSize: 22, lineWidth: 80, sidebarOpen: false, theme: 'light' });
    core.close();
  });
});
