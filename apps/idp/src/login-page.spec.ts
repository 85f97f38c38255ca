import { escapeHtml, renderLoginPage } from './login-page';

describe('the sign-in page', () => {
  it('labels each input and has no external asset', () => {
    const html = renderLoginPage({ action: '/interaction/abc/login', clientName: 'Hệ thống' });
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<label for="username">Tên đăng nhập</label>');
    expect(html).toMatch(/<input id="username" name="username" type="text" autocomplete="username"[^>]* required/);
    expect(html).toContain('<label for="password">Mật khẩu</label>');
    expect(html).toMatch(/<input id="password" name="password" type="password" autocomplete="current-password" required/);
    expect(html).not.toMatch(/<(link|script|img)\b|https?:\/\//);
    expect(html).not.toContain('role="alert"');
  });

  it('announces an error, ties it to the inputs and keeps the user name, escaped', () => {
    const html = renderLoginPage({ action: '/interaction/abc/login', clientName: 'x', username: '"><script>', error: 'Sai <mật khẩu>' });
    expect(html).toContain('<div id="login-error" class="error" role="alert">Sai &lt;mật khẩu&gt;</div>');
    expect(html.match(/aria-invalid="true" aria-describedby="login-error"/g)).toHaveLength(2);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;"');
    expect(html).not.toContain('<script>');
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
