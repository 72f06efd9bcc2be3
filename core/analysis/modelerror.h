#pragma once

#include <stdexcept>
#include <string>

namespace facefolio {

/// Thrown when a model file is missing, unreadable, truncated or altered. The
/// message is a single line fit for a user and names the set-up command.
class ModelError final : public std::runtime_error
{
public:
    explicit ModelError(const std::string &what)
        : std::runtime_error(what)
    {}
};

} // namespace facefolio
