/** The preloads each page's HTML names: what the app asks the api for first. */
import { preloads } from './web-app.middleware';

const link = (url: string) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${url}" />`;

describe('preloads', () => {
  it('names the session on every page, and the regulation on its page, by the URL the app requests', () => {
    expect(preloads('/workspace')).toBe(link('/auth/session'));
    expect(preloads('/supervision')).toBe(link('/auth/session'));
    expect(preloads('/workspace/demo-hang-bac-qu-1')).toBe(link('/auth/session') + link('/regulations/demo-hang-bac-qu-1'));
    // The app decodes the address and its client encodes the id again: the same bytes either way.
    expect(preloads('/workspace/qu%20u%E1%BB%9Bc')).toBe(link('/auth/session') + link('/regulations/qu%20u%E1%BB%9Bc'));
  });

  it("preloads the regulation page's code only on a regulation's page", () => {
    const code = ['assets/regulation-page-Didw6jhE.js', 'assets/table-BoisL_52.js'];
    const modules = '<link rel="modulepreload" crossorigin href="/assets/regulation-page-Didw6jhE.js" /><link rel="modulepreload" crossorigin href="/assets/table-BoisL_52.js" />';
    expect(preloads('/workspace/demo-hang-bac-qu-1', code)).toBe(link('/auth/session') + link('/regulations/demo-hang-bac-qu-1') + modules);
    expect(preloads('/workspace/new', code)).toBe(link('/auth/session'));
    expect(preloads('/supervision', code)).toBe(link('/auth/session'));
  });

  it('preloads no regulation for the new-draft page, a deeper path, or an address that does not decode', () => {
    expect(preloads('/workspace/new')).toBe(link('/auth/session'));
    expect(preloads('/workspace/a/b')).toBe(link('/auth/session'));
    expect(preloads('/workspace/%E0%A4%A')).toBe(link('/auth/session'));
  });

  it('cannot be made to write markup: an id with quotes or angle brackets comes out escaped', () => {
    expect(preloads('/workspace/%22%3E%3Cscript%3E')).toBe(link('/auth/session') + link('/regulations/%22%3E%3Cscript%3E'));
    expect(preloads('/workspace/"><script>')).toBe(link('/auth/session') + link('/regulations/%22%3E%3Cscript%3E'));
  });
});
