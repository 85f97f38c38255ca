/**
 * The provider's own pages, rendered on the server: the sign-in form and the sign-out confirmation. Vietnamese,
 * no external assets (styles inline), every input labelled, an error announced (role="alert") and tied to the
 * fields it concerns (aria-describedby, aria-invalid).
 */

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char]);
}

const style = `
  body { font-family: system-ui, "Segoe UI", Roboto, sans-serif; background: #f3f5f8; color: #1c2430; margin: 0; }
  main { max-width: 24rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  p.lead { margin: 0 0 1.5rem; color: #465366; }
  label { display: block; font-weight: 600; margin: 1rem 0 .3rem; }
  input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; border: 1px solid #5b6778; border-radius: 4px; }
  input[aria-invalid="true"] { border-color: #b3261e; }
  button { margin-top: 1.5rem; width: 100%; padding: .7rem; font-size: 1rem; font-weight: 600; color: #fff; background: #0b5cad; border: 0; border-radius: 4px; cursor: pointer; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
  .error { color: #b3261e; background: #fdecea; border: 1px solid #b3261e; border-radius: 4px; padding: .6rem; margin-bottom: 1rem; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface LoginPageOptions {
  /** Where the form posts: the interaction's login URL. */
  action: string;
  /** The client's name, shown under the heading. */
  clientName: string;
  /** The user name typed before, kept after a refusal. */
  username?: string;
  /** The refusal to announce, if any. */
  error?: string;
}

export function renderLoginPage(options: LoginPageOptions): string {
  const invalid = options.error ? ' aria-invalid="true" aria-describedby="login-error"' : '';
  const error = options.error ? `<div id="login-error" class="error" role="alert">${escapeHtml(options.error)}</div>\n` : '';
  return page(
    'Đăng nhập',
    `<h1>Đăng nhập</h1>
<p class="lead">vào ${escapeHtml(options.clientName)}</p>
${error}<form method="post" action="${escapeHtml(options.action)}" autocomplete="on">
<label for="username">Tên đăng nhập</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required${invalid} value="${escapeHtml(options.username ?? '')}"${options.username ? '' : ' autofocus'}>
<label for="password">Mật khẩu</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}${options.username ? ' autofocus' : ''}>
<button type="submit">Đăng nhập</button>
</form>`,
  );
}

/** The confirmation of RP-initiated logout: oidc-provider's form (with its hidden fields), in Vietnamese. */
export function renderLogoutPage(form: string): string {
  return page(
    'Đăng xuất',
    `<h1>Đăng xuất</h1>
<p class="lead">Bạn có muốn đăng xuất khỏi hệ thống không?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Đăng xuất</button>`,
  );
}

/** An error page of the provider (a bad request, an expired sign-in). */
export function renderErrorPage(error: string, description?: string): string {
  return page(
    'Lỗi đăng nhập',
    `<h1>Không thể đăng nhập</h1>
<div class="error" role="alert"><strong>${escapeHtml(error)}</strong>${description ? `: ${escapeHtml(description)}` : ''}</div>
<p>Hãy quay lại ứng dụng và đăng nhập lại.</p>`,
  );
}
