// Fault injection on a busy machine: a run may take minutes, and a timeout here would hide what it checks.
jest.setTimeout(300_000);
