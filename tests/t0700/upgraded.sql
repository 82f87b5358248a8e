SELECT doc_id, seq, para_no, table_no, check_name, expected, actual, CAST(ok AS VARCHAR), detail, para_letter FROM checks WHERE doc_id LIKE 'a1d%' ORDER BY doc_id, seq
SELECT doc_id, para_no, seq, CAST(amount AS VARCHAR), currency, raw, unit, recipient, page, para_letter FROM amounts WHERE doc_id LIKE 'a1d%' ORDER BY 1, 2, 3
SELECT doc_id, para_no, para_letter, title, page_end FROM paragraphs WHERE doc_id LIKE 'a1d%' ORDER BY 1, 2
SELECT doc_id, para_no, seq, heading, para_letter FROM sections WHERE doc_id LIKE 'a1d%' ORDER BY 1, 2, 3
SELECT doc_id, para_no, seq, text, para_letter FROM decisions WHERE doc_id LIKE 'a1d%' ORDER BY 1, 2, 3
SELECT doc_id, para_no, seq, kind, name, votes_yes, votes_no, votes_abstain, para_letter FROM motions WHERE doc_id LIKE 'a1d%' ORDER BY 1, 2, 3
SELECT doc_id, table_no, para_no, para_letter, caption FROM tables WHERE doc_id LIKE 'a1d%' ORDER BY 1, 2
SELECT doc_id, table_no, row_no, amount_sek, CAST(is_total AS VARCHAR), para_letter FROM allocations WHERE doc_id LIKE 'a1d%' ORDER BY 1, 2, 3
SELECT doc_id, organ, CAST(meeting_date AS VARCHAR), CAST(meeting_time AS VARCHAR), CAST(meeting_end_time AS VARCHAR), place, quality, failed_checks, warnings FROM documents WHERE doc_id LIKE 'a1d%' ORDER BY 1
SELECT doc_id, seq, name, role, replaces, note FROM attendees WHERE doc_id LIKE 'a1d%' ORDER BY 1, 2
SELECT count(*), sum("row" * 10 + "col") FROM table_cells WHERE doc_id LIKE 'a1d%'
SELECT doc_id, source, stage, severity FROM errors WHERE doc_id LIKE 'a1d%' OR source = 'inbox/broken.pdf' ORDER BY 2
SELECT doc_id, my_note FROM paragraphs WHERE my_note IS NOT NULL ORDER BY 1
SELECT count(*) FROM paragraphs WHERE doc_id = '0a0b0c0d0e0f1011' AND title = 'old title'
SELECT count(*) FROM documents WHERE doc_id = '0a0b0c0d0e0f1011' AND organ = 'old organ'
SELECT version, release FROM paragraf_schema
