/* A reproduction, without posbind, of how Wine's COM ports treat a read timeout.
 *
 * Usage: comm_read_timeout.exe COMn   (COMn mapped to pty_peer's pseudo-terminal)
 *
 * Windows documents (COMMTIMEOUTS, Remarks) that with ReadIntervalTimeout and
 * ReadTotalTimeoutMultiplier both MAXDWORD and 0 < ReadTotalTimeoutConstant < MAXDWORD, ReadFile
 * "returns immediately" once any byte is in the input buffer, and otherwise waits until a byte
 * arrives or the constant passes. That is what the serialport crate sets for a read timeout.
 *
 * Case 1 asks pty_peer for four bytes (they come after 200 ms) and reads once with a constant of
 * 3000 ms. Windows returns after about 200 ms; Wine 8 returns the four bytes only after the
 * whole 3000 ms.
 * Case 2 does the same with reads whose constant is 50 ms, repeated until 3000 ms have passed
 * or a read returned bytes: posbind's workaround (src/platform/windows.rs). It returns after
 * about 200-250 ms on both.
 *
 * Prints one line per case, "case N: B bytes after T ms", then a verdict line:
 *   "wine-waits-whole-constant: yes|no" (case 1 took 2500 ms or more)
 *   "slices-return-early: yes|no"       (case 2 took less than 1500 ms)
 * and exits 0 when both cases read the four bytes, 1 otherwise.
 */
#include <stdio.h>
#include <windows.h>

static HANDLE open_port(const char *name)
{
    char path[64];
    snprintf(path, sizeof path, "\\\\.\\%s", name);
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return h;
    DCB dcb = {0};
    dcb.DCBlength = sizeof dcb;
    GetCommState(h, &dcb);
    dcb.BaudRate = 9600;
    dcb.ByteSize = 8;
    dcb.Parity = NOPARITY;
    dcb.StopBits = TWOSTOPBITS;
    dcb.fBinary = TRUE;
    SetCommState(h, &dcb);
    return h;
}

static BOOL set_read_constant(HANDLE h, DWORD constant)
{
    COMMTIMEOUTS t = {MAXDWORD, MAXDWORD, constant, 0, constant};
    return SetCommTimeouts(h, &t);
}

static BOOL ask(HANDLE h)
{
    DWORD n = 0;
    return WriteFile(h, "?", 1, &n, NULL) && n == 1;
}

/* One ReadFile with the whole timeout as its constant. */
static DWORD read_once(HANDLE h, char *buf, DWORD size, DWORD timeout_ms)
{
    DWORD n = 0;
    if (!set_read_constant(h, timeout_ms) || !ReadFile(h, buf, size, &n, NULL))
        return 0;
    return n;
}

/* ReadFiles of 50 ms each until one returns bytes or the timeout has passed. */
static DWORD read_in_slices(HANDLE h, char *buf, DWORD size, DWORD timeout_ms)
{
    ULONGLONG deadline = GetTickCount64() + timeout_ms;
    while (GetTickCount64() < deadline) {
        DWORD n = 0;
        if (!set_read_constant(h, 50) || !ReadFile(h, buf, size, &n, NULL))
            return 0;
        if (n > 0)
            return n;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: comm_read_timeout COMn\n");
        return 2;
    }
    HANDLE h = open_port(argv[1]);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "cannot open %s: error %lu\n", argv[1], GetLastError());
        return 2;
    }
    DWORD (*reads[2])(HANDLE, char *, DWORD, DWORD) = {read_once, read_in_slices};
    ULONGLONG took[2];
    DWORD got[2];
    for (int i = 0; i < 2; i++) {
        char buf[64];
        ULONGLONG start = GetTickCount64();
        got[i] = ask(h) ? reads[i](h, buf, sizeof buf, 3000) : 0;
        took[i] = GetTickCount64() - start;
        printf("case %d: %lu bytes after %llu ms\n", i + 1, got[i], took[i]);
    }
    DWORD n = 0;
    WriteFile(h, "q", 1, &n, NULL);
    CloseHandle(h);
    printf("wine-waits-whole-constant: %s\n", took[0] >= 2500 ? "yes" : "no");
    printf("slices-return-early: %s\n", took[1] < 1500 ? "yes" : "no");
    return got[0] == 4 && got[1] == 4 ? 0 : 1;
}
