-- Calendar tokens compare byte for byte: with a case-insensitive collation
-- "AbC" and "abc" were one token, which cut the 128 random bits to about 115.
ALTER TABLE address_point
	MODIFY token CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;

-- The label of a point in English ("Łubowo (other addresses)"); empty until
-- the next import of the gmina's schedule, and then the Polish label is shown.
ALTER TABLE address_point
	ADD COLUMN label_en VARCHAR(400) NOT NULL DEFAULT '' AFTER label;
