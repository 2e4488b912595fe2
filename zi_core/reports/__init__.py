"""Printable documents (.docx) built from domain data: pure functions that return bytes.

`rencana_aksi_docx` lays a unit's plan out as Lampiran I of Perbup Ketapang 49/2022;
`pakta_docx` lists who signed the pakta integritas. Neither module reads files, talks to the
database or knows about Telegram: callers gather the data, the renderer only lays it out.
"""
