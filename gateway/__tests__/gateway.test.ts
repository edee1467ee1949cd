describe('loading the gateway', () => {
  const name = 'APOLLO_TELEMETRY_DISABLED';
  const before = process.env[name];

  afterEach(() => {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  });

  // @apollo/gateway reads the switch when an ApolloGateway is constructed: it must be set before any is.
  it('opts out of Apollo usage reporting as soon as it is loaded', () => {
    delete process.env[name];

    jest.isolateModules(() => jest.requireActual('../gateway'));

    expect(process.env[name]).toBe('true');
  });

  it("keeps an operator's own telemetry setting", () => {
    process.env[name] = 'false';

    jest.isolateModules(() => jest.requireActual('../gateway'));

    expect(process.env[name]).toBe('false');
  });
});
