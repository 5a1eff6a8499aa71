#!/usr/bin/env python3
"""Evaluate a Tiltfile without Tilt and print, as JSON, every Tilt built-in call it makes.

A Tiltfile is Starlark, a subset of Python. This script parses it with Python's `ast` module, rejects
constructs Starlark does not have (import, class, while, try, with, ...), then runs it with recording
stand-ins for Tilt's built-ins. Anything else the Tiltfile calls is an unknown name and is reported as an
error, so a typo in a built-in name fails the check. The zips test suite asserts on the recorded calls.

Usage: tiltfile-check.py [path/to/Tiltfile]   (exit 0 with {"calls": [...]} or exit 1 with {"errors": [...]})
"""
import ast
import json
import sys

# Statements and expressions Python has but Starlark does not.
NOT_STARLARK = (ast.Import, ast.ImportFrom, ast.ClassDef, ast.While, ast.Try, ast.With, ast.Global,
                ast.Nonlocal, ast.Yield, ast.YieldFrom, ast.Await, ast.AsyncFunctionDef, ast.Raise,
                ast.Delete, ast.NamedExpr)

# Tilt built-ins the stand-ins record, with their positional parameter names (docs.tilt.dev/api.html).
BUILTINS = {
    'docker_compose': ['configPaths'],
    'docker_build': ['ref', 'context'],
    'dc_resource': ['name'],
    'local_resource': ['name', 'cmd'],
    'sync': ['local_path', 'remote_path'],
    'run': ['cmd'],
    'restart_container': [],
    'fall_back_on': ['files'],
    'initial_sync': [],
    'link': ['url', 'name'],
    'watch_file': ['path'],
    'update_settings': [],
}

SAFE_BUILTINS = {name: getattr(__builtins__, name) for name in (
    'True', 'False', 'None', 'len', 'str', 'int', 'bool', 'list', 'dict', 'tuple', 'range', 'sorted',
    'enumerate', 'zip', 'min', 'max', 'any', 'all', 'repr', 'reversed', 'hasattr', 'getattr', 'type')}


class Env:
    """Stand-in for Tilt's `os` module: only getenv, answering with the default (no host environment)."""

    environ = {}

    @staticmethod
    def getenv(key, default=None):
        return default


def recorder(calls, name, params):
    def call(*args, **kwargs):
        if len(args) > len(params):
            raise TypeError('%s() takes at most %d positional arguments' % (name, len(params)))
        record = {'builtin': name, 'args': dict(zip(params, args))}
        record['args'].update(kwargs)
        calls.append(record)
        return record
    return call


class TiltfileFailed(Exception):
    """Raised by the `fail(msg)` built-in, as Tilt stops the Tiltfile there."""


def tilt_fail(message):
    raise TiltfileFailed(message)


def check_syntax(tree):
    errors = []
    for node in ast.walk(tree):
        if isinstance(node, NOT_STARLARK):
            errors.append('line %d: %s is not Starlark' % (node.lineno, type(node).__name__))
    return errors


def main(path):
    with open(path, encoding='utf-8') as handle:
        source = handle.read()
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as error:
        return {'errors': ['line %s: syntax error: %s' % (error.lineno, error.msg)]}
    errors = check_syntax(tree)
    if errors:
        return {'errors': errors}
    calls = []
    scope = {'__builtins__': SAFE_BUILTINS, 'os': Env()}
    for name, params in BUILTINS.items():
        scope[name] = recorder(calls, name, params)
    scope['fail'] = tilt_fail
    try:
        exec(compile(tree, path, 'exec'), scope)
    except Exception as error:  # any failure of the Tiltfile itself is the result we report
        return {'errors': ['%s: %s' % (type(error).__name__, error)]}
    return {'calls': calls}


if __name__ == '__main__':
    result = main(sys.argv[1] if len(sys.argv) > 1 else 'Tiltfile')
    json.dump(result, sys.stdout, indent=2, default=str)
    sys.stdout.write('\n')
    sys.exit(1 if 'errors' in result else 0)
