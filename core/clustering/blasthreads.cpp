#include "clustering/blasthreads.h"

#include <dlfcn.h>

namespace facefolio {

void useOneBlasThread()
{
    static const bool done = [] {
        using SetThreads = void (*)(int);
        if (auto fn = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
            fn(1);
        return true;
    }();
    (void)done;
}

} // namespace facefolio
