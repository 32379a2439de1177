# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The DPDK mdev bus authors
"""Sphinx configuration of the guides (the doc/meson.build test builds
them with -W: a broken reference or markup fails the test suite)."""

project = 'DPDK mdev bus'
author = 'The DPDK mdev bus authors'
copyright = '2026, ' + author
master_doc = 'index'
exclude_patterns = ['_build']
html_theme = 'alabaster'
html_show_sourcelink = False

# The manual page of the tool (doc/meson.build installs it to man1).
man_pages = [
    ('tools/mdev_info', 'dpdk-mdev-info',
     "list the mediated devices DPDK's mdev bus sees", [author], 1),
]
man_make_section_directory = False
