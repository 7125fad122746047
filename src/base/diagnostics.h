// Diagnostics are part of the public API: see include/inkstone/diagnostics.h.
#pragma once
#include "inkstone/diagnostics.h"
