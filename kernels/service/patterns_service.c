/* patterns_service.c: gb-patterns-service, the out-of-process pricing service
 * of the `patterns` scenario (the third pattern: compiled code behind a
 * process boundary, reached over a socket).
 *
 *   gb-patterns-service SOCKET_PATH
 *
 * It listens on a Unix stream socket at SOCKET_PATH, writes "ready\n" on
 * standard output once clients may connect, then serves one connection at a
 * time.  It exits when its standard input reaches end of file: the parent
 * keeps a pipe open there as a lifeline, so the service stops when the
 * parent closes it or dies, and never outlives a killed benchmark worker.
 *
 * Framing, in host byte order (client and service share one machine):
 *
 *   request  uint64 count, then 5 * count binary64 values, field-major:
 *            count spots, count strikes, count rates, count volatilities,
 *            count expiries (so a client holding columns sends slices of
 *            them as they are, with no interleaving)
 *   reply    one binary64: the sum of the count call prices, summed in
 *            order; 0.0 for count 0, so an empty request is a bare round trip
 *
 * A count above SERVICE_MAX_COUNT, a short request or a failed write ends
 * the connection; the service then waits for the next one.
 */
#include "patterns.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define SERVICE_MAX_COUNT (1u << 22)
#define HEADER_BYTES 8

/* Bytes read from one connection but not yet consumed.  Kept in doubles so
 * that the payload, 8 bytes after the start, is aligned for the kernel. */
typedef struct reader {
    int fd;
    double *data;
    size_t len, cap;
} reader;

/* Reads until at least `need` bytes are buffered (usually one read() per
 * request).  Returns 0, or -1 on end of file, error or out of memory. */
static int reader_fill(reader *r, size_t need)
{
    if (need > r->cap) {
        size_t cap = need + need / 2;
        double *grown = realloc(r->data, cap);
        if (!grown)
            return -1;
        r->data = grown;
        r->cap = cap;
    }
    while (r->len < need) {
        ssize_t got = read(r->fd, (char *)r->data + r->len, r->cap - r->len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        r->len += (size_t)got;
    }
    return 0;
}

/* Writes all of buf; -1 when the client went away. */
static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t put = send(fd, p, len, MSG_NOSIGNAL);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return -1;
        p += put;
        len -= (size_t)put;
    }
    return 0;
}

/* Answers one request; -1 ends the connection. */
static int serve_request(reader *r)
{
    uint64_t count;
    if (reader_fill(r, HEADER_BYTES) < 0)
        return -1;
    memcpy(&count, r->data, sizeof count);
    if (count > SERVICE_MAX_COUNT)
        return -1;
    size_t n = (size_t)count, size = HEADER_BYTES + 5 * n * sizeof(double);
    if (reader_fill(r, size) < 0)
        return -1;
    const double *f = r->data + 1;
    double total = gb_patterns_price_sum(f, f + n, f + 2 * n, f + 3 * n, f + 4 * n, n);
    r->len -= size;
    memmove(r->data, (char *)r->data + size, r->len);
    return write_all(r->fd, &total, sizeof total);
}

static void serve_connection(int fd)
{
    reader r = {fd, NULL, 0, 0};
    while (serve_request(&r) == 0)
        ;
    free(r.data);
    close(fd);
}

/* Returns a listening socket at path, or -1 with a message on stderr. */
static int listen_at(const char *path)
{
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr.sun_path) {
        fprintf(stderr, "gb-patterns-service: socket path too long: %s\n", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 4) < 0) {
        fprintf(stderr, "gb-patterns-service: cannot listen on %s: %s\n", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* True once the lifeline on standard input is closed. */
static int lifeline_closed(void)
{
    char scratch[64];
    ssize_t got = read(0, scratch, sizeof scratch);
    return got == 0 || (got < 0 && errno != EINTR);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gb-patterns-service SOCKET_PATH\n");
        return 2;
    }
    int listener = listen_at(argv[1]);
    if (listener < 0)
        return 1;
    printf("ready\n");
    fflush(stdout);
    for (;;) {
        struct pollfd fds[2] = {{listener, POLLIN, 0}, {0, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents && lifeline_closed())
            break;
        if (fds[0].revents & POLLIN) {
            int conn = accept(listener, NULL, NULL);
            if (conn >= 0)
                serve_connection(conn);
        }
    }
    close(listener);
    unlink(argv[1]);
    return 0;
}
