/* Test infrastructure, never shipped: a bcryptprimitives.dll for Wine 8, which lacks it.
 *
 * Rust's standard library (1.78 and later) gets its random bytes (HashMap seeds) from
 * ProcessPrng in bcryptprimitives.dll, which Windows 10 and later have and Wine 8 does not.
 * This DLL gives ProcessPrng on top of SystemFunction036 (RtlGenRandom, in advapi32), which Wine
 * has. .ci/windows builds it with mingw and copies it into the Wine prefix's system32; the
 * Windows artefact never contains it.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* SystemFunction036 takes a ULONG length: feed larger requests in pieces. */
    while (length > 0) {
        ULONG piece = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, piece))
            return FALSE;
        data += piece;
        length -= piece;
    }
    return TRUE;
}
