/* Test infrastructure (Linux side of comm_read_timeout.c): opens a pseudo-terminal, prints the
 * path of its client end, and then, for every byte it reads from the client, waits 200 ms and
 * answers four bytes "ABCD". It exits when the client end has been closed for good (or after
 * 60 s, so a broken run cannot hang CI).
 */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 600
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) {
        perror("posix_openpt");
        return 1;
    }
    const char *path = ptsname(master);
    if (!path) {
        perror("ptsname");
        return 1;
    }
    /* Raw mode on the client end, so bytes pass untouched (as on a real serial line). */
    int client = open(path, O_RDWR | O_NOCTTY);
    struct termios t;
    if (client < 0 || tcgetattr(client, &t) != 0) {
        perror("client end");
        return 1;
    }
    cfmakeraw(&t);
    tcsetattr(client, TCSANOW, &t);
    printf("%s\n", path);
    fflush(stdout);
    time_t stop = time(NULL) + 60;
    while (time(NULL) < stop) {
        struct pollfd p = {master, POLLIN, 0};
        if (poll(&p, 1, 500) <= 0)
            continue;
        unsigned char byte;
        if (read(master, &byte, 1) != 1)
            continue;
        if (byte == 'q')
            break;
        struct timespec pause = {0, 200 * 1000 * 1000};
        nanosleep(&pause, NULL);
        if (write(master, "ABCD", 4) != 4) {
            perror("write");
            return 1;
        }
    }
    close(client);
    return 0;
}
