// libFuzzer target: the TensorFlow.js weights manifest parser. The input is
// split at the first NUL byte into the manifest JSON and the weights binary;
// the parser must either return tensors that match their shapes or throw
// ModelError, never read outside the buffers.

#include "analysis/modelerror.h"
#include "analysis/tfjsweights.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *begin = reinterpret_cast<const char *>(data);
    const void *nul = std::memchr(begin, 0, size);
    const size_t split = nul ? size_t(static_cast<const char *>(nul) - begin) : size;
    // Copies, so that ASan sees reads one byte past either part.
    const QByteArray manifest(begin, qsizetype(split));
    const QByteArray bin =
        split < size ? QByteArray(begin + split + 1, qsizetype(size - split - 1)) : QByteArray();
    try {
        for (const facefolio::TfjsTensor &t : facefolio::TfjsWeights::parse(manifest, bin)) {
            size_t n = 1;
            for (int d : t.shape)
                n *= size_t(d);
            if (n != t.values.size())
                __builtin_trap();
        }
    } catch (const facefolio::ModelError &) {
    }
    return 0;
}
