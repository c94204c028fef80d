-- Gminy (tenants), their addresses, collection areas and waste collection schedules.
-- Every row that belongs to a gmina carries tenant_id, and it leads every composite index.

-- Voivodeships (2-digit code) and powiats (4-digit code) from the TERC register.
CREATE TABLE region (
	code		VARCHAR(4) NOT NULL PRIMARY KEY,
	name		VARCHAR(100) NOT NULL,
	kind		VARCHAR(60) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- A gmina, keyed by its 7-digit TERC code (WOJ+POW+GMI+RODZ).
CREATE TABLE tenant (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	terc		CHAR(7) CHARACTER SET ascii NOT NULL,
	name		VARCHAR(100) NOT NULL,
	name_folded	VARCHAR(100) CHARACTER SET ascii NOT NULL,
	kind		TINYINT UNSIGNED NOT NULL,
	kind_name	VARCHAR(60) NOT NULL,
	-- Bumped on every change of the gmina's schedule data; part of every ETag.
	data_version	INT UNSIGNED NOT NULL DEFAULT 1,
	has_schedule	TINYINT(1) NOT NULL DEFAULT 0,
	UNIQUE KEY tenant_terc (terc),
	KEY tenant_name_folded (name_folded)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- A locality (miejscowość), by SIMC code when known.
CREATE TABLE locality (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	simc		CHAR(7) CHARACTER SET ascii NULL,
	parent_simc	CHAR(7) CHARACTER SET ascii NULL,
	kind		CHAR(2) CHARACTER SET ascii NULL,
	name		VARCHAR(100) NOT NULL,
	name_folded	VARCHAR(100) CHARACTER SET ascii NOT NULL,
	UNIQUE KEY locality_simc (tenant_id, simc),
	KEY locality_name (tenant_id, name_folded),
	CONSTRAINT locality_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- A street of one locality; (SIMC, ULIC SYM_UL) when known.
CREATE TABLE street (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	locality_id	INT UNSIGNED NOT NULL,
	ulic		CHAR(5) CHARACTER SET ascii NULL,
	cecha		VARCHAR(10) NOT NULL DEFAULT '',
	name_1		VARCHAR(100) NOT NULL,
	name_2		VARCHAR(100) NOT NULL DEFAULT '',
	display_name	VARCHAR(220) NOT NULL,
	name_folded	VARCHAR(220) CHARACTER SET ascii NOT NULL,
	UNIQUE KEY street_ulic (tenant_id, locality_id, ulic),
	KEY street_name (tenant_id, locality_id, name_folded),
	CONSTRAINT street_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
	CONSTRAINT street_locality FOREIGN KEY (locality_id) REFERENCES locality (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- The canonical fractions (JSOS colours); filled by ratuszctl migrate from app/lib/fraction.c.
CREATE TABLE fraction (
	code		VARCHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY,
	sort_order	SMALLINT UNSIGNED NOT NULL,
	color		CHAR(7) CHARACTER SET ascii NOT NULL,
	name_pl		VARCHAR(100) NOT NULL,
	name_en		VARCHAR(100) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- A gmina's own name for a fraction ("PLASTIK") and the canonical fraction it means.
CREATE TABLE fraction_alias (
	tenant_id	INT UNSIGNED NOT NULL,
	name_folded	VARCHAR(100) CHARACTER SET ascii NOT NULL,
	fraction_code	VARCHAR(32) CHARACTER SET ascii NOT NULL,
	PRIMARY KEY (tenant_id, name_folded),
	CONSTRAINT fraction_alias_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
	CONSTRAINT fraction_alias_fraction FOREIGN KEY (fraction_code) REFERENCES fraction (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- The name a gmina shows for a canonical fraction, when it differs from the standard one.
CREATE TABLE tenant_fraction (
	tenant_id	INT UNSIGNED NOT NULL,
	fraction_code	VARCHAR(32) CHARACTER SET ascii NOT NULL,
	display_name	VARCHAR(100) NOT NULL,
	PRIMARY KEY (tenant_id, fraction_code),
	CONSTRAINT tenant_fraction_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
	CONSTRAINT tenant_fraction_fraction FOREIGN KEY (fraction_code) REFERENCES fraction (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- One imported version of a gmina's schedule for a span of dates. A newer import whose
-- span overlaps replaces it: the old rows stay, marked replaced, for the record.
CREATE TABLE schedule_period (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	valid_from	DATE NOT NULL,
	valid_to	DATE NOT NULL,
	status		ENUM('active', 'replaced') NOT NULL DEFAULT 'active',
	replaced_by	INT UNSIGNED NULL,
	source		VARCHAR(500) NOT NULL,
	imported_at	DATETIME NOT NULL,
	KEY schedule_period_span (tenant_id, status, valid_from),
	CONSTRAINT schedule_period_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- A collection area (rejon, sektor, trasa, grupa) within one schedule period.
CREATE TABLE area (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	period_id	INT UNSIGNED NOT NULL,
	name		VARCHAR(100) NOT NULL,
	UNIQUE KEY area_name (tenant_id, period_id, name),
	CONSTRAINT area_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
	CONSTRAINT area_period FOREIGN KEY (period_id) REFERENCES schedule_period (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- An assignment rule: which addresses belong to an area, optionally for some fractions only.
CREATE TABLE area_rule (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	area_id		INT UNSIGNED NOT NULL,
	line		INT UNSIGNED NOT NULL,
	locality_id	INT UNSIGNED NOT NULL,
	street_id	INT UNSIGNED NULL,
	numbers		VARCHAR(255) NOT NULL DEFAULT '',
	building	ENUM('any', 'single', 'multi') NOT NULL DEFAULT 'any',
	fractions	VARCHAR(255) CHARACTER SET ascii NOT NULL DEFAULT '',
	KEY area_rule_area (tenant_id, area_id),
	CONSTRAINT area_rule_area_fk FOREIGN KEY (area_id) REFERENCES area (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- An address point a resident can pick: a whole locality, a street, or a set of house
-- numbers on it, as far as the rules tell addresses apart. Points outlive schedule
-- periods, so the calendar URL (token) stays the same from one year to the next.
CREATE TABLE address_point (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	locality_id	INT UNSIGNED NOT NULL,
	street_id	INT UNSIGNED NOT NULL DEFAULT 0,
	numbers		VARCHAR(255) NOT NULL DEFAULT '',
	building	ENUM('any', 'single', 'multi') NOT NULL DEFAULT 'any',
	label		VARCHAR(400) NOT NULL,
	label_folded	VARCHAR(400) CHARACTER SET ascii NOT NULL,
	token		CHAR(22) CHARACTER SET ascii NOT NULL,
	created_at	DATETIME NOT NULL,
	UNIQUE KEY address_point_token (token),
	UNIQUE KEY address_point_key (tenant_id, locality_id, street_id, numbers, building),
	KEY address_point_label (tenant_id, label_folded),
	CONSTRAINT address_point_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
	CONSTRAINT address_point_locality FOREIGN KEY (locality_id) REFERENCES locality (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- Which areas serve an address point, per fraction, computed from the rules at import.
CREATE TABLE point_area (
	tenant_id	INT UNSIGNED NOT NULL,
	point_id	INT UNSIGNED NOT NULL,
	area_id		INT UNSIGNED NOT NULL,
	fraction_code	VARCHAR(32) CHARACTER SET ascii NOT NULL,
	PRIMARY KEY (tenant_id, point_id, area_id, fraction_code),
	KEY point_area_area (tenant_id, area_id),
	CONSTRAINT point_area_point FOREIGN KEY (point_id) REFERENCES address_point (id),
	CONSTRAINT point_area_area_fk FOREIGN KEY (area_id) REFERENCES area (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- One collection of one fraction in one area on one day.
CREATE TABLE pickup (
	tenant_id	INT UNSIGNED NOT NULL,
	area_id		INT UNSIGNED NOT NULL,
	day		DATE NOT NULL,
	fraction_code	VARCHAR(32) CHARACTER SET ascii NOT NULL,
	line		INT UNSIGNED NOT NULL,
	PRIMARY KEY (tenant_id, area_id, day, fraction_code),
	CONSTRAINT pickup_area FOREIGN KEY (area_id) REFERENCES area (id),
	CONSTRAINT pickup_fraction FOREIGN KEY (fraction_code) REFERENCES fraction (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;
