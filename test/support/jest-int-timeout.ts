/** setupFilesAfterEnv of the integration and e2e projects: real servers need more than jest's 5 s default. */
jest.setTimeout(60_000);
