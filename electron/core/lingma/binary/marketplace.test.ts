import { afterEach, describe, expect, it } from 'vitest';
import { LingmaBinaryError } from './errors';
import { checkForUpdate, vsixUrl } from './marketplace';
import { startServer, type TestServer } from './testing/fake-vsix';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const preRelease = [{ key: 'Microsoft.VisualStudio.Code.PreRelease', value: 'true' }];

async function gallery(versions: unknown[]): Promise<string> {
  server = await startServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ results: [{ extensions: [{ versions }] }] }));
  });
  return server.url;
}

describe('checkForUpdate', () => {
  it('finds the newest release, ignoring pre-releases, and compares it', async () => {
    const apiUrl = await gallery([
      { version: '2.12.0', properties: preRelease },
      { version: '2.9.8' },
      { version: '2.11.3' },
    ]);
    expect(await checkForUpdate({ apiUrl, installedVersion: '2.11.2' })).toEqual({
      latestVersion: '2.11.3',
      installedVersion: '2.11.2',
      updateAvailable: true,
    });
    expect(await checkForUpdate({ apiUrl, installedVersion: '2.11.3' })).toMatchObject({
      updateAvailable: false,
    });
    expect(await checkForUpdate({ apiUrl, includePreRelease: true })).toMatchObject({
      latestVersion: '2.12.0',
      updateAvailable: true,
    });
    const request = server?.requests[0];
    expect(request).toMatchObject({ method: 'POST', path: '/extensionquery' });
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      filters: [
        {
          criteria: expect.arrayContaining([
            { filterType: 7, value: 'Alibaba-Cloud.tongyi-lingma' },
          ]) as unknown,
        },
      ],
    });
  });

  it('fails clearly on an empty answer and when offline', async () => {
    const apiUrl = await gallery([]);
    await expect(checkForUpdate({ apiUrl })).rejects.toMatchObject({ code: 'bad-response' });
    await server?.close();
    server = undefined;
    const error = await checkForUpdate({ apiUrl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LingmaBinaryError);
    expect((error as LingmaBinaryError).message).toContain('ECONNREFUSED');
  });
});

describe('vsixUrl', () => {
  it('builds the vspackage and gallery asset URLs', () => {
    expect(vsixUrl('latest')).toBe(
      'https://marketplace.visualstudio.com/_apis/public/gallery/publishers/Alibaba-Cloud/vsextensions/tongyi-lingma/latest/vspackage',
    );
    expect(vsixUrl('2.11.2', 'gallery')).toContain('/tongyi-lingma/2.11.2/assetbyname/');
  });
});
