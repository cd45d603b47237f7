// The HTML error pages clients meet instead of JSON when a proxy or CDN sits in front of the gateway.

const REASONS: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
}

function nginxPage(status: number, reason: string): string {
  return [
    '<html>',
    `<head><title>${status} ${reason}</title></head>`,
    '<body>',
    `<center><h1>${status} ${reason}</h1></center>`,
    '<hr><center>nginx</center>',
    '</body>',
    '</html>',
    '',
  ].join('\r\n')
}

function cloudflarePage(status: number): string {
  return `<!DOCTYPE html>
<html lang="en-US"><head><title>sandbox.invalid | ${status}: Connection timed out</title>
<meta charset="UTF-8" /></head>
<body><div id="cf-wrapper"><div id="cf-error-details">
<h1><span class="cf-error-type">Error</span> <span class="cf-error-code">${status}</span></h1>
<p>Cloudflare Ray ID: <strong>8f0000000000sand</strong> &bull; Performance &amp; security by Cloudflare</p>
</div></div></body></html>
`
}

/** The page and the headers such a proxy sends with it. */
export function errorPage(status: number): { html: string; headers: Record<string, string> } {
  const reason = REASONS[status]
  if (reason) return { html: nginxPage(status, reason), headers: { server: 'nginx' } }
  return { html: cloudflarePage(status), headers: { server: 'cloudflare', 'cf-ray': '8f0000000000sand-LAX' } }
}
