"""Reports built from domain data: documents (.docx), workbooks (.xlsx) and charts (.png).

Renderers are pure functions that return bytes: `rencana_aksi_docx` lays a unit's plan out
as Lampiran I of Perbup Ketapang 49/2022, `pakta_docx` lists who signed the pakta
integritas, `chart` draws the weekly summary, `workbook` writes the summary and a unit's LKE,
`bupati_docx` the reports of Pasal 7(2)c-d. They neither read files nor know about Telegram.
Only the gatherers talk to the database: `summary.build_summary` / `store_week` /
`eligible_checks` and `workbook.lke_rows`.
"""
