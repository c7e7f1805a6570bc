import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { makeCircle, openSection } from './community-setup';
import { checkScreens } from './screens';
import { createProjectWithDocument, openPage, resizeTo, signUp, startStudio, useChromium } from './harness';

const browser = useChromium();
const openAt = (url: string) => openPage(browser(), url, { viewport: { width: 1280, height: 900 } });

describe('a community on another computer', () => {
  it('a newcomer answers the first-run question with a friend’s invite link: asked first, connected to that server, joined once signed in', async () => {
    // Ana's studio, with the community server it runs; Ben's studio, with its own.
    const studioA = await startStudio(tempDir());
    onTestFinished(() => studioA.stop().then(() => undefined));
    const studioB = await startStudio(tempDir());
    onTestFinished(() => studioB.stop().then(() => undefined));
    const serverA = /Community server on this computer: (\S+)/.exec(studioA.output())![1]!;
    const serverB = /Community server on this computer: (\S+)/.exec(studioB.output())![1]!;
    expect(serverA).not.toBe(serverB);

    const a = await openAt(studioA.url);
    await createProjectWithDocument(a.page, 'Ana novel', 'Ana chapter');
    await signUp(a.page, 'ana');
    await makeCircle(a.page, 'Night owls', []);
    const invite = a.page.getByRole('status', { name: 'Invite code' });
    const web = (await invite.locator('code').first().textContent())!;
    expect(web).toMatch(new RegExp(`^${serverA.replace(/[.:/]/g, '\\$&')}/join/[A-Za-z0-9_-]{16}$`));
    expect(await invite.textContent()).toContain(`margin://join/${encodeURIComponent(serverA)}/`);
    // The https form opens a page that offers to open Margin on it.
    const page = await (await fetch(web)).text();
    expect(page).toContain('Open in Margin');

    // Ben's first screen asks how to start; he pastes the link.
    const b = await openAt(studioB.url);
    await b.page.getByRole('heading', { name: 'How would you like to start?' }).waitFor();
    const question = b.page.getByRole('region', { name: 'How would you like to start?' });
    await question.getByRole('button', { name: /Join a community/ }).click();
    await question.getByLabel('Invite or server address').fill(web);
    await question.getByRole('button', { name: 'Connect', exact: true }).click();
    const prompt = b.page.getByRole('dialog', { name: 'Circle invite' });
    await expect.poll(() => prompt.textContent()).toContain(`This invite is for the community at ${serverA}`);
    expect(await prompt.textContent()).toContain(serverB); // says which one he uses now
    // Looked at in both themes and both sizes; no serious accessibility problem in the prompt or Ana's invite.
    expect(await checkScreens(b.page, 'invite-prompt', '.invite-prompt', async () => undefined)).toEqual({});
    await resizeTo(b.page, { width: 1280, height: 900 });
    expect(await checkScreens(a.page, 'invite-box', '.circles', async () => undefined)).toEqual({});
    await resizeTo(a.page, { width: 1280, height: 900 });
    await prompt.getByRole('button', { name: 'Switch and join' }).click();
    await expect.poll(() => prompt.textContent()).toMatch(/Create an account or sign in there/);
    // The question is answered: it does not come back.
    expect(await b.page.getByRole('heading', { name: 'How would you like to start?' }).count()).toBe(0);

    await prompt.getByRole('button', { name: 'Sign in or create an account' }).click();
    await b.page.getByLabel('Username').fill('ben');
    await b.page.getByLabel('Password').fill('a long enough password');
    await b.page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => prompt.textContent(), { timeout: 15_000 }).toContain('You joined Night owls');
    await openSection(b.page, 'Circles');
    await expect.poll(() => b.page.getByRole('list', { name: 'Your circles' }).textContent()).toContain('Night owls');
    // In Ana's circle (on her server) he is a member.
    await a.page.getByRole('tab', { name: 'Sprint' }).click();
    await openSection(a.page, 'Circles');
    await expect.poll(async () => (await a.page.getByRole('list', { name: 'Your circles' }).textContent()) ?? '', { timeout: 15_000 }).toMatch(/Night owls · 2 members/);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('writing alone answers the question once; the welcome page keeps naming the first project', async () => {
    const studio = await startStudio(tempDir());
    onTestFinished(() => studio.stop().then(() => undefined));
    const { page, errors } = await openAt(studio.url);
    await page.getByRole('button', { name: /Write on my own for now/ }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'How would you like to start?' }).count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome to Margin' }).waitFor();
    expect(await page.getByRole('heading', { name: 'How would you like to start?' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
