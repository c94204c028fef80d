/* photo_test.c: type detection, size limits, EXIF orientation and re-encoding of photos. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <gd.h>

#include "buf.h"
#include "photo.h"

static char fixture_dir[] = "/tmp/ratusz-photo-test-XXXXXX";

/* Runs /usr/bin/python3 with a script and two or four arguments; returns its exit status. */
static int
run_python(const char *script, const char *a, const char *b, const char *c)
{
	pid_t	 pid;
	int	 status;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		execl("/usr/bin/python3", "python3", script, a, b, c, (char *)NULL);
		_exit(127);
	}
	if (pid == -1 || waitpid(pid, &status, 0) == -1 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int
make_fixtures(void **state)
{
	(void)state;
	if (mkdtemp(fixture_dir) == NULL)
		return -1;
	return run_python(PHOTO_FIXTURES_SCRIPT, fixture_dir, NULL, NULL) == 0 ? 0 : -1;
}

static int
remove_fixtures(void **state)
{
	char	 command[128];

	(void)state;
	snprintf(command, sizeof(command), "rm -rf '%s'", fixture_dir);
	return system(command) == 0 ? 0 : -1;
}

static void
read_fixture(const char *name, struct buf *out)
{
	char	 path[256], chunk[65536];
	size_t	 n;
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", fixture_dir, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(out, chunk, n);
	fclose(f);
}

/* Processes a fixture with the default limits; returns photo_process's result. */
static int
process(const char *name, struct photo *p, struct problem *err)
{
	struct buf	 data;
	int		 rc;

	buf_init(&data);
	read_fixture(name, &data);
	memset(err, 0, sizeof(*err));
	rc = photo_process((const unsigned char *)data.data, data.len,
	    &photo_default_limits, p, err);
	buf_free(&data);
	return rc;
}

/* Asserts that the colour at (x, y) of im is within 60 of r, g, b in each channel. */
static void
assert_colour(gdImagePtr im, int x, int y, int r, int g, int b)
{
	int	 c = gdImageGetTrueColorPixel(im, x, y);

	if (abs(gdTrueColorGetRed(c) - r) > 60 || abs(gdTrueColorGetGreen(c) - g) > 60 ||
	    abs(gdTrueColorGetBlue(c) - b) > 60)
		fail_msg("pixel (%d, %d) is #%02x%02x%02x, expected #%02x%02x%02x", x, y,
		    gdTrueColorGetRed(c), gdTrueColorGetGreen(c), gdTrueColorGetBlue(c),
		    r, g, b);
}

/* Asserts that a JPEG shows the upright fixture: red, green / blue, yellow quadrants. */
static void
assert_upright(const unsigned char *jpeg, size_t len)
{
	gdImagePtr	 im = gdImageCreateFromJpegPtr((int)len, (void *)(uintptr_t)jpeg);
	int		 w, h;

	assert_non_null(im);
	w = gdImageSX(im);
	h = gdImageSY(im);
	assert_colour(im, w / 4, h / 4, 255, 0, 0);
	assert_colour(im, 3 * w / 4, h / 4, 0, 255, 0);
	assert_colour(im, w / 4, 3 * h / 4, 0, 0, 255);
	assert_colour(im, 3 * w / 4, 3 * h / 4, 255, 255, 0);
	gdImageDestroy(im);
}

/* Writes a JPEG to the fixture directory and checks it with photo_check.py. */
static void
assert_clean_jpeg(const unsigned char *jpeg, size_t len, unsigned w, unsigned h)
{
	char	 path[256], width[16], height[16];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/output.jpg", fixture_dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(jpeg, 1, len, f), len);
	fclose(f);
	snprintf(width, sizeof(width), "%u", w);
	snprintf(height, sizeof(height), "%u", h);
	assert_int_equal(run_python(PHOTO_CHECK_SCRIPT, path, width, height), 0);
}

static void
orientation_jpeg_all_eight(void **state)
{
	struct photo	 p;
	struct problem	 err;
	char		 name[32];
	unsigned	 o;

	(void)state;
	for (o = 1; o <= 8; o++) {
		snprintf(name, sizeof(name), "orient_%u.jpg", o);
		print_message("%s\n", name);
		assert_int_equal(process(name, &p, &err), 0);
		assert_int_equal(p.orientation, o);
		assert_int_equal(p.source_type, PHOTO_JPEG);
		assert_int_equal(p.width, 96);
		assert_int_equal(p.height, 64);
		assert_upright(p.jpeg, p.jpeg_length);
		assert_upright(p.thumb, p.thumb_length);
		photo_free(&p);
	}
}

static void
orientation_webp_and_png(void **state)
{
	struct photo	 p;
	struct problem	 err;

	(void)state;
	assert_int_equal(process("orient_6.webp", &p, &err), 0);
	assert_int_equal(p.source_type, PHOTO_WEBP);
	assert_int_equal(p.orientation, 6);
	assert_int_equal(p.width, 96);
	assert_int_equal(p.height, 64);
	assert_upright(p.jpeg, p.jpeg_length);
	photo_free(&p);

	assert_int_equal(process("orient_3.png", &p, &err), 0);
	assert_int_equal(p.source_type, PHOTO_PNG);
	assert_int_equal(p.orientation, 3);
	assert_upright(p.jpeg, p.jpeg_length);
	photo_free(&p);
}

static void
gps_exif_removed(void **state)
{
	struct photo	 p;
	struct problem	 err;

	(void)state;
	assert_int_equal(process("gps.jpg", &p, &err), 0);
	assert_int_equal(p.width, 640);
	assert_int_equal(p.height, 480);
	assert_clean_jpeg(p.jpeg, p.jpeg_length, 640, 480);
	assert_clean_jpeg(p.thumb, p.thumb_length, 400, 300);
	photo_free(&p);
}

/* The check must be able to fail: the input itself carries EXIF with GPS. */
static void
gps_fixture_fails_check(void **state)
{
	char	 path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/gps.jpg", fixture_dir);
	assert_int_equal(run_python(PHOTO_CHECK_SCRIPT, path, "640", "480"), 1);
}

/*
 * A 20000 x 20000 PNG of 76 KB would take 1.6 GB as a libgd image. It is
 * processed in a child, whose peak RSS shows that no pixel buffer was made.
 */
static void
bomb_rejected_before_decoding(void **state)
{
	struct rusage	 usage;
	struct photo	 p;
	struct problem	 err;
	pid_t		 pid;
	int		 status;

	(void)state;
	fflush(NULL);
	if ((pid = fork()) == 0) {
		if (process("bomb.png", &p, &err) == -1 &&
		    strcmp(err.key, "Photo.TooLarge") == 0 &&
		    strcmp(err.value, "20000×20000") == 0)
			_exit(0);
		_exit(1);
	}
	assert_true(pid > 0);
	assert_int_equal(wait4(pid, &status, 0, &usage), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* ru_maxrss is in kilobytes; ASan's shadow memory is counted too. */
	print_message("bomb child peak RSS: %ld KB\n", usage.ru_maxrss);
	assert_true(usage.ru_maxrss < 200 * 1024);
}

static void
header_dimensions_without_decoding(void **state)
{
	struct buf	 data;
	unsigned	 w = 0, h = 0;

	(void)state;
	buf_init(&data);
	read_fixture("bomb.png", &data);
	assert_int_equal(photo_dimensions((const unsigned char *)data.data, data.len,
	    PHOTO_PNG, &w, &h), 0);
	assert_int_equal(w, 20000);
	assert_int_equal(h, 20000);
	buf_reset(&data);
	read_fixture("large.jpg", &data);
	assert_int_equal(photo_dimensions((const unsigned char *)data.data, data.len,
	    PHOTO_JPEG, &w, &h), 0);
	assert_int_equal(w, 4000);
	assert_int_equal(h, 3000);
	buf_reset(&data);
	read_fixture("lossy.webp", &data);
	assert_int_equal(photo_dimensions((const unsigned char *)data.data, data.len,
	    PHOTO_WEBP, &w, &h), 0);
	assert_int_equal(w, 96);
	assert_int_equal(h, 64);
	buf_free(&data);
}

static void
markup_named_jpg_rejected(void **state)
{
	static const char *const names[] = { "page.jpg", "drawing.jpg", "still.gif" };
	struct photo	 p;
	struct problem	 err;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		print_message("%s\n", names[i]);
		assert_int_equal(process(names[i], &p, &err), -1);
		assert_string_equal(err.key, "Photo.NotImage");
		assert_null(p.jpeg);
		assert_null(p.thumb);
	}
}

static void
small_cut_and_animated_rejected(void **state)
{
	struct photo	 p;
	struct problem	 err;

	(void)state;
	assert_int_equal(process("tiny.png", &p, &err), -1);
	assert_string_equal(err.key, "Photo.TooSmall");
	assert_string_equal(err.value, "10×10");
	assert_int_equal(process("cut.jpg", &p, &err), -1);
	assert_string_equal(err.key, "Photo.Corrupt");
	assert_int_equal(process("animated.webp", &p, &err), -1);
	assert_string_equal(err.key, "Photo.Animated");
}

static void
scan_count_limited(void **state)
{
	struct photo	 p;
	struct problem	 err;

	(void)state;
	assert_int_equal(process("progressive.jpg", &p, &err), 0);
	assert_upright(p.jpeg, p.jpeg_length);
	photo_free(&p);
	assert_int_equal(process("scans_400.jpg", &p, &err), 0);
	photo_free(&p);
	assert_int_equal(process("scans_600.jpg", &p, &err), -1);
	assert_string_equal(err.key, "Photo.Corrupt");
}

static void
side_limit_checked(void **state)
{
	struct photo_limits	 limits = photo_default_limits;
	struct photo		 p;
	struct problem		 err;
	struct buf		 data;

	(void)state;
	buf_init(&data);
	read_fixture("orient_1.jpg", &data);
	limits.max_side = 95;
	assert_int_equal(photo_process((const unsigned char *)data.data, data.len,
	    &limits, &p, &err), -1);
	assert_string_equal(err.key, "Photo.TooLarge");
	limits = photo_default_limits;
	limits.max_pixels = 96 * 64 - 1;
	assert_int_equal(photo_process((const unsigned char *)data.data, data.len,
	    &limits, &p, &err), -1);
	assert_string_equal(err.key, "Photo.TooLarge");
	limits.max_pixels = 96 * 64;
	assert_int_equal(photo_process((const unsigned char *)data.data, data.len,
	    &limits, &p, &err), 0);
	photo_free(&p);
	buf_free(&data);
}

static void
large_scaled_with_thumbnail(void **state)
{
	struct photo	 p;
	struct problem	 err;

	(void)state;
	assert_int_equal(process("large.jpg", &p, &err), 0);
	assert_int_equal(p.width, 2048);
	assert_int_equal(p.height, 1536);
	assert_int_equal(p.thumb_width, 400);
	assert_int_equal(p.thumb_height, 300);
	assert_upright(p.jpeg, p.jpeg_length);
	assert_upright(p.thumb, p.thumb_length);
	assert_clean_jpeg(p.jpeg, p.jpeg_length, 2048, 1536);
	photo_free(&p);
}

/* Only the height is over the edge: the width rounds to itself but must still be scaled. */
static void
one_side_over_edge_scaled(void **state)
{
	struct photo_limits	 limits = photo_default_limits;
	struct photo		 p;
	struct problem		 err;
	struct buf		 data;

	(void)state;
	buf_init(&data);
	read_fixture("tall.png", &data);
	limits.max_edge = 256;
	limits.thumb_edge = 64;
	assert_int_equal(photo_process((const unsigned char *)data.data, data.len,
	    &limits, &p, &err), 0);
	assert_int_equal(p.width, 64);
	assert_int_equal(p.height, 256);
	assert_int_equal(p.thumb_width, 16);
	assert_int_equal(p.thumb_height, 64);
	assert_clean_jpeg(p.jpeg, p.jpeg_length, 64, 256);
	photo_free(&p);
	buf_free(&data);
}

static void
other_inputs_converted(void **state)
{
	static const char *const names[] = { "palette.png", "cmyk.jpg", "lossy.webp" };
	struct photo	 p;
	struct problem	 err;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		print_message("%s\n", names[i]);
		assert_int_equal(process(names[i], &p, &err), 0);
		assert_upright(p.jpeg, p.jpeg_length);
		photo_free(&p);
	}
}

static void
transparency_on_white(void **state)
{
	struct photo	 p;
	struct problem	 err;
	gdImagePtr	 im;

	(void)state;
	assert_int_equal(process("transparent.png", &p, &err), 0);
	im = gdImageCreateFromJpegPtr((int)p.jpeg_length, p.jpeg);
	assert_non_null(im);
	assert_colour(im, 4, 4, 255, 255, 255);
	assert_colour(im, 30, 4, 255, 0, 0);
	gdImageDestroy(im);
	photo_free(&p);
}

static void
detect_by_content(void **state)
{
	static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff, 0xe0 };
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	(void)state;
	assert_int_equal(photo_detect(jpeg, sizeof(jpeg)), PHOTO_JPEG);
	assert_int_equal(photo_detect(jpeg, 2), PHOTO_UNKNOWN);
	assert_int_equal(photo_detect(png, sizeof(png)), PHOTO_PNG);
	assert_int_equal(photo_detect((const unsigned char *)"RIFF\0\0\0\0WEBPVP8 ", 16),
	    PHOTO_WEBP);
	assert_int_equal(photo_detect((const unsigned char *)"RIFF\0\0\0\0WAVEfmt ", 16),
	    PHOTO_UNKNOWN);
	assert_int_equal(photo_detect((const unsigned char *)"GIF89a", 6), PHOTO_UNKNOWN);
	assert_int_equal(photo_detect((const unsigned char *)"", 0), PHOTO_UNKNOWN);
}

/* One slot: a process decoding holds it, and a killed one gives it back. */
static void
limit_held_while_decoding(void **state)
{
	char		 path[] = "/tmp/photo_test_XXXXXX";
	struct photo	 p;
	struct problem	 err;
	pid_t		 child;
	int		 fd, i, status;

	(void)state;
	assert_int_not_equal(fd = mkstemp(path), -1);
	close(fd);
	assert_int_equal(photo_limit_init(path, 1), 0);
	assert_int_equal(photo_limit_free(), 1);

	assert_int_equal(process("large.jpg", &p, &err), 0);
	photo_free(&p);
	assert_int_equal(photo_limit_free(), 1);

	if ((child = fork()) == 0) {
		/* Bounded, so a failed assertion in the parent leaves no endless child. */
		for (i = 0; i < 200; i++) {
			if (process("large.jpg", &p, &err) == 0)
				photo_free(&p);
		}
		_exit(0);
	}
	assert_true(child > 0);
	for (i = 0; i < 2000 && photo_limit_free() == 1; i++)
		usleep(1000);
	assert_int_equal(photo_limit_free(), 0);
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	assert_int_equal(photo_limit_free(), 1);
	semctl(semget(ftok(path, 'f'), 1, 0600), 0, IPC_RMID);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bomb_rejected_before_decoding),
		cmocka_unit_test(detect_by_content),
		cmocka_unit_test(header_dimensions_without_decoding),
		cmocka_unit_test(orientation_jpeg_all_eight),
		cmocka_unit_test(orientation_webp_and_png),
		cmocka_unit_test(gps_exif_removed),
		cmocka_unit_test(gps_fixture_fails_check),
		cmocka_unit_test(markup_named_jpg_rejected),
		cmocka_unit_test(small_cut_and_animated_rejected),
		cmocka_unit_test(side_limit_checked),
		cmocka_unit_test(scan_count_limited),
		cmocka_unit_test(large_scaled_with_thumbnail),
		cmocka_unit_test(limit_held_while_decoding),
		cmocka_unit_test(one_side_over_edge_scaled),
		cmocka_unit_test(other_inputs_converted),
		cmocka_unit_test(transparency_on_white),
	};

	return cmocka_run_group_tests(tests, make_fixtures, remove_fixtures);
}
