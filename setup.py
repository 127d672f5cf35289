"Hand-written nbdev-2-style setup: everything comes from settings.ini (no pkg_resources)."
from configparser import ConfigParser
import setuptools, shlex

cfg_all = ConfigParser(delimiters=['='])
cfg_all.read('settings.ini')
cfg = cfg_all['DEFAULT']

expected = ('version description keywords author author_email license status min_python audience '
            'language lib_name user').split()
missing = [o for o in expected if o not in cfg]
if missing: raise SystemExit(f'settings.ini is missing {missing}: add them under [DEFAULT]')

licenses = {'apache2': ('Apache Software License 2.0', 'OSI Approved :: Apache Software License')}
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable',
            '6 - Mature', '7 - Inactive']
py_versions = '3.10 3.11 3.12 3.13'.split()

def _list(key): return shlex.split(cfg.get(key, '').strip())

requirements = _list('requirements')
dev_requirements = _list('dev_requirements')
tools_requirements = _list('tools_requirements')
eval_requirements = _list('eval_requirements')
console_scripts = [o.strip() for o in cfg.get('console_scripts', '').splitlines() if o.strip()]
lic = licenses[cfg['license']]
min_python = cfg['min_python']

setuptools.setup(
    name=cfg['lib_name'],
    license=lic[0],
    classifiers=['Development Status :: ' + statuses[int(cfg['status'])],
                 'Intended Audience :: ' + cfg['audience'].title(),
                 'Natural Language :: ' + cfg['language'].title(),
                 'License :: ' + lic[1]] +
                ['Programming Language :: Python :: ' + o for o in py_versions[py_versions.index(min_python):]],
    url=cfg['git_url'],
    packages=setuptools.find_packages(include=[cfg['lib_name'], cfg['lib_name'] + '.*']),
    include_package_data=True,
    package_data={cfg['lib_name']: ['fixtures/*/*']},  # the WikiText-2 test fixture (offline tests)
    install_requires=requirements,
    extras_require={'dev': dev_requirements, 'tools': tools_requirements, 'eval': eval_requirements},  # tools: bnb-sweep, bnb-preview; eval: bnb-lm-eval
    python_requires='>=' + min_python,
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    zip_safe=False,
    entry_points={'console_scripts': console_scripts, 'nbdev': [f'{cfg["lib_path"]}={cfg["lib_path"]}._modidx:d']},
    version=cfg['version'], description=cfg['description'], keywords=cfg['keywords'],
    author=cfg['author'], author_email=cfg['author_email'],
)
