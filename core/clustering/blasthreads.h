#pragma once

namespace facefolio {

/// Makes OpenBLAS run each call on the calling thread: its own threads would
/// oversubscribe the cores inside Facefolio's worker pools. The symbol is
/// looked up at run time because the reference BLAS does not have it, so this
/// is harmless without OpenBLAS. Cheap to call again.
void useOneBlasThread();

} // namespace facefolio
