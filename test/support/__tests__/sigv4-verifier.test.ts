import { EMPTY_SHA256, canonicalQuery, canonicalUri, sha256Hex } from '../sigv4';
import { verifySignature, type SignedRequest, type Verdict, type VerifierOptions } from '../sigv4-verifier';

/**
 * AWS's published examples, rebuilt from the spec: the generic test suite (aws-sig-v4-test-suite: AKIDEXAMPLE,
 * service `service`, 2015-08-30) and the S3 examples of "Signature Calculations for the Authorization Header"
 * and "Authenticating Requests: Using Query Parameters" (AKIAIOSFODNN7EXAMPLE, 2013-05-24).
 */
const SUITE: VerifierOptions = {
  accessKey: 'AKIDEXAMPLE',
  secretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  service: 'service',
  now: () => new Date('2015-08-30T12:36:00Z'),
};
const S3_DOCS: VerifierOptions = {
  accessKey: 'AKIAIOSFODNN7EXAMPLE',
  secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  now: () => new Date('2013-05-24T00:00:00Z'),
};
const SUITE_SCOPE = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';
const S3_SCOPE = 'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request';
const S3_HOST = 'examplebucket.s3.amazonaws.com';

function suiteRequest(method: string, url: string, signature: string): SignedRequest {
  return {
    method,
    url,
    bodySha256: EMPTY_SHA256,
    rawHeaders: [
      'Host',
      'example.amazonaws.com',
      'X-Amz-Date',
      '20150830T123600Z',
      'Authorization',
      `AWS4-HMAC-SHA256 Credential=${SUITE_SCOPE}, SignedHeaders=host;x-amz-date, Signature=${signature}`,
    ],
  };
}

/** The S3 docs' GET Object example: a Range header, an empty payload. */
function s3GetObject(
  overrides: { url?: string; method?: string; extraHeaders?: string[] } = {},
): SignedRequest {
  return {
    method: overrides.method ?? 'GET',
    url: overrides.url ?? '/test.txt',
    rawHeaders: [
      'Host',
      S3_HOST,
      'Range',
      'bytes=0-9',
      'x-amz-content-sha256',
      EMPTY_SHA256,
      'x-amz-date',
      '20130524T000000Z',
      ...(overrides.extraHeaders ?? []),
      'Authorization',
      `AWS4-HMAC-SHA256 Credential=${S3_SCOPE},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41`,
    ],
  };
}

/** The S3 docs' presigned GET of test.txt, valid for 86400 s. */
const PRESIGNED_QUERY =
  'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
  '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
  '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
const presigned = (url = `/test.txt?${PRESIGNED_QUERY}`, method = 'GET'): SignedRequest => ({
  method,
  url,
  rawHeaders: ['Host', S3_HOST],
});
const at = (iso: string): VerifierOptions => ({ ...S3_DOCS, now: () => new Date(iso) });

const codeOf = (verdict: Verdict) => (verdict.ok ? 'OK' : verdict.failure.code);

describe('SigV4 canonical forms', () => {
  it('encodes a path once, keeping slashes, whatever escapes the client chose', () => {
    expect(canonicalUri('/test$file.text')).toBe('/test%24file.text');
    expect(canonicalUri('/test%24file.text')).toBe('/test%24file.text');
    expect(canonicalUri('/a%2Fb/%E1%88%B4 c')).toBe('/a/b/%E1%88%B4%20c');
    expect(canonicalUri('/bad%zz')).toBeUndefined();
  });

  it('sorts the query by name then value, with empty values for bare names', () => {
    expect(canonicalQuery('prefix=J&max-keys=2&lifecycle&a=2&a=1')).toBe(
      'a=1&a=2&lifecycle=&max-keys=2&prefix=J',
    );
    expect(canonicalQuery('k=a+b%2Bc*')).toBe('k=a%20b%2Bc%2A');
  });
});

describe('verifySignature on the AWS test suite (generic service)', () => {
  it.each([
    ['get-vanilla', 'GET', '/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
    [
      'get-vanilla-query-order-key-case',
      'GET',
      '/?Param2=value2&Param1=value1',
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    ],
    ['get-utf8', 'GET', '/%E1%88%B4', '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85'],
    ['post-vanilla', 'POST', '/', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
  ])('accepts %s', (_name, method, url, signature) => {
    expect(verifySignature(suiteRequest(method, url, signature), SUITE)).toEqual({
      ok: true,
      payloadHash: EMPTY_SHA256,
    });
  });

  it('refuses get-vanilla with another path, method or secret', () => {
    const signature = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
    expect(codeOf(verifySignature(suiteRequest('GET', '/other', signature), SUITE))).toBe(
      'SignatureDoesNotMatch',
    );
    expect(codeOf(verifySignature(suiteRequest('POST', '/', signature), SUITE))).toBe(
      'SignatureDoesNotMatch',
    );
    expect(codeOf(verifySignature(suiteRequest('GET', '/', signature), { ...SUITE, secretKey: 'x' }))).toBe(
      'SignatureDoesNotMatch',
    );
  });
});

describe('verifySignature on the S3 documentation examples', () => {
  it('accepts the GET Object example and returns its payload hash to check', () => {
    expect(verifySignature(s3GetObject(), S3_DOCS)).toEqual({ ok: true, payloadHash: EMPTY_SHA256 });
  });

  it('accepts the PUT Object example, whose key needs escaping and whose payload is signed', () => {
    const payloadHash = sha256Hex('Welcome to Amazon S3.');
    const request: SignedRequest = {
      method: 'PUT',
      url: '/test%24file.text',
      rawHeaders: [
        'Host',
        S3_HOST,
        'Date',
        'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-date',
        '20130524T000000Z',
        'x-amz-storage-class',
        'REDUCED_REDUNDANCY',
        'x-amz-content-sha256',
        payloadHash,
        'Authorization',
        `AWS4-HMAC-SHA256 Credential=${S3_SCOPE},SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd`,
      ],
    };
    expect(verifySignature(request, S3_DOCS)).toEqual({ ok: true, payloadHash });
  });

  it.each([
    ['?lifecycle', 'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543'],
    ['?max-keys=2&prefix=J', '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7'],
  ])('accepts the bucket example GET /%s', (query, signature) => {
    const request: SignedRequest = {
      method: 'GET',
      url: `/${query}`,
      rawHeaders: [
        'Host',
        S3_HOST,
        'x-amz-date',
        '20130524T000000Z',
        'x-amz-content-sha256',
        EMPTY_SHA256,
        'Authorization',
        `AWS4-HMAC-SHA256 Credential=${S3_SCOPE},SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=${signature}`,
      ],
    };
    expect(codeOf(verifySignature(request, S3_DOCS))).toBe('OK');
  });

  it('refuses the GET Object example with another key, method or an added query parameter', () => {
    expect(codeOf(verifySignature(s3GetObject({ url: '/other.txt' }), S3_DOCS))).toBe(
      'SignatureDoesNotMatch',
    );
    expect(codeOf(verifySignature(s3GetObject({ method: 'DELETE' }), S3_DOCS))).toBe('SignatureDoesNotMatch');
    expect(codeOf(verifySignature(s3GetObject({ url: '/test.txt?acl' }), S3_DOCS))).toBe(
      'SignatureDoesNotMatch',
    );
  });

  it('refuses an x-amz header the signature does not cover (S3 would act on it)', () => {
    const request = s3GetObject({ extraHeaders: ['x-amz-copy-source', '/otherbucket/secret'] });
    const verdict = verifySignature(request, S3_DOCS);
    expect(verdict).toMatchObject({ ok: false, failure: { status: 403, code: 'AccessDenied' } });
  });

  it('refuses the GET Object example 16 minutes off the clock, and an unknown access key', () => {
    expect(codeOf(verifySignature(s3GetObject(), at('2013-05-24T00:16:00Z')))).toBe('RequestTimeTooSkewed');
    expect(codeOf(verifySignature(s3GetObject(), { ...S3_DOCS, accessKey: 'SOMEONEELSE' }))).toBe(
      'InvalidAccessKeyId',
    );
  });

  it('refuses the example signed for another region', () => {
    expect(verifySignature(s3GetObject(), { ...S3_DOCS, region: 'eu-west-1' })).toMatchObject({
      ok: false,
      failure: { status: 400, code: 'AuthorizationHeaderMalformed' },
    });
  });
});

describe('verifySignature on the S3 presigned URL example', () => {
  it('accepts it until it expires, then refuses it as expired', () => {
    expect(verifySignature(presigned(), at('2013-05-24T23:59:59Z'))).toEqual({
      ok: true,
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    expect(verifySignature(presigned(), at('2013-05-25T00:00:01Z'))).toEqual({
      ok: false,
      failure: { status: 403, code: 'AccessDenied', message: 'Request has expired' },
    });
  });

  it('refuses it with an edited key, method, expiry or date', () => {
    const edits = [
      presigned(`/other.txt?${PRESIGNED_QUERY}`),
      presigned(undefined, 'PUT'),
      presigned(`/test.txt?${PRESIGNED_QUERY.replace('X-Amz-Expires=86400', 'X-Amz-Expires=604800')}`),
      presigned(
        `/test.txt?${PRESIGNED_QUERY.replace('X-Amz-Date=20130524T000000Z', 'X-Amz-Date=20130524T000500Z')}`,
      ),
      presigned(`/test.txt?${PRESIGNED_QUERY}&response-content-type=text%2Fhtml`),
    ];
    for (const request of edits)
      expect([
        request.method,
        request.url,
        codeOf(verifySignature(request, at('2013-05-24T01:00:00Z'))),
      ]).toEqual([request.method, request.url, 'SignatureDoesNotMatch']);
  });

  it('refuses a second X-Amz-Expires appended to it', () => {
    const request = presigned(`/test.txt?${PRESIGNED_QUERY}&X-Amz-Expires=604800`);
    expect(codeOf(verifySignature(request, at('2013-05-24T01:00:00Z')))).toBe(
      'AuthorizationQueryParametersError',
    );
  });

  it('refuses it before its date comes, beyond the allowed clock skew', () => {
    expect(verifySignature(presigned(), at('2013-05-23T23:00:00Z'))).toMatchObject({
      ok: false,
      failure: { code: 'AccessDenied', message: 'Request is not valid yet' },
    });
  });

  it('refuses a request that carries both a presigned query and an Authorization header', () => {
    const request = { ...presigned(), rawHeaders: [...s3GetObject().rawHeaders] };
    request.url = `/test.txt?${PRESIGNED_QUERY}`;
    expect(codeOf(verifySignature(request, at('2013-05-24T00:00:00Z')))).toBe('InvalidArgument');
  });
});

describe('verifySignature on unsigned requests', () => {
  it.each(['GET', 'PUT', 'DELETE', 'HEAD'])('refuses an anonymous %s as AccessDenied', (method) => {
    expect(verifySignature({ method, url: '/test.txt', rawHeaders: ['Host', S3_HOST] }, S3_DOCS)).toEqual({
      ok: false,
      failure: { status: 403, code: 'AccessDenied', message: 'Access Denied' },
    });
  });

  it('refuses a signature version 2 header and a session token', () => {
    const v2 = {
      method: 'GET',
      url: '/',
      rawHeaders: ['Host', S3_HOST, 'Authorization', 'AWS AKIAIOSFODNN7EXAMPLE:abc='],
    };
    expect(codeOf(verifySignature(v2, S3_DOCS))).toBe('InvalidArgument');
    const token = s3GetObject({ extraHeaders: ['x-amz-security-token', 'forged'] });
    expect(codeOf(verifySignature(token, S3_DOCS))).toBe('InvalidToken');
  });

  it('refuses a header-signed S3 request without x-amz-content-sha256', () => {
    const request = s3GetObject();
    const index = request.rawHeaders.indexOf('x-amz-content-sha256');
    const rawHeaders = request.rawHeaders.filter((_, i) => i !== index && i !== index + 1);
    expect(codeOf(verifySignature({ ...request, rawHeaders }, S3_DOCS))).toBe('InvalidRequest');
  });
});
