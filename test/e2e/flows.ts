/** What a person does in the UI, step by step, for the specs to compose. */
import type { Locator, Page } from 'playwright-core';

export interface WorkspaceForm {
  name: string;
  service: string;
  environment?: 'Development' | 'Staging' | 'Production';
  baseUrl?: string;
  color?: string;
}

export async function fillWorkspaceForm(page: Page, form: WorkspaceForm): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Add workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add workspace' });
  await dialog.getByLabel('Name').fill(form.name);
  await dialog.getByLabel('Service').selectOption({ label: form.service });
  if (form.environment) await dialog.getByText(form.environment, { exact: true }).click();
  if (form.baseUrl) await dialog.getByLabel('Base URL').fill(form.baseUrl);
  if (form.color) await dialog.getByRole('radio', { name: form.color }).check();
  await dialog.getByRole('button', { name: 'Add workspace' }).click();
}

export async function addWorkspace(page: Page, form: WorkspaceForm): Promise<void> {
  await fillWorkspaceForm(page, form);
  await page.getByRole('dialog', { name: 'Add workspace' }).waitFor({ state: 'detached' });
}

export interface KeyForm {
  name: string;
  service?: string;
  workspace?: string;
  secret: string;
  expiresOn?: string;
  scopes?: string[];
}

export async function fillImportForm(page: Page, form: KeyForm): Promise<void> {
  await page.getByRole('main').getByRole('button', { name: 'Import key', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import key' });
  await dialog.getByLabel('Name').fill(form.name);
  if (form.service) await dialog.getByLabel('Service').selectOption({ label: form.service });
  if (form.workspace) await dialog.getByLabel('Workspace').selectOption({ label: form.workspace });
  await dialog.getByLabel('Secret').fill(form.secret);
  if (form.expiresOn) await dialog.getByLabel('Expires on').fill(form.expiresOn);
  for (const scope of form.scopes ?? []) await dialog.getByRole('checkbox', { name: scope, exact: true }).check();
  await dialog.getByRole('button', { name: 'Import key' }).click();
}

export async function importKey(page: Page, form: KeyForm): Promise<void> {
  await fillImportForm(page, form);
  await page.getByRole('dialog', { name: 'Import key' }).waitFor({ state: 'detached' });
}

export const keyRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader').getByText(name, { exact: true }) });

/** A workspace's button in the sidebar, found by its name; its text carries environment and key count. */
export const workspaceItem = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Workspaces' }).getByRole('listitem').filter({ hasText: name }).getByRole('button');

/** Waits until the sidebar shows `name` with this environment and key count, e.g. "Acme prod,prod,1 key" (then maybe ",2 need attention"). */
export async function waitForWorkspace(page: Page, name: string, env: string, keys: number): Promise<void> {
  const want = `${name},${env},${keys} ${keys === 1 ? 'key' : 'keys'}`;
  await page.waitForFunction(
    ({ want }) => [...document.querySelectorAll('nav .ws-item')].some((el) => el.textContent === want || (el.textContent ?? '').startsWith(`${want},`)),
    { want },
  );
}

export type RowAction = 'Reveal' | 'Rotate…' | 'Revoke…' | 'Details' | 'Delete…';

/** A key row's folded actions: open its "⋯" menu and pick one. `within` narrows to one row (two keys of one name). */
export async function rowAction(page: Page, name: string, action: RowAction, within?: Locator): Promise<void> {
  await (within ?? page).getByRole('button', { name: `More actions for ${name}` }).click();
  const menu = page.getByRole('menu', { name: `Actions for ${name}` });
  await menu.getByRole('menuitem', { name: action }).click();
}

export const moreButton = (page: Page, name: string) => page.getByRole('button', { name: `More actions for ${name}` });
