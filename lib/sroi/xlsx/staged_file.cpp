// SPDX-License-Identifier: EUPL-1.2
#include "sroi/xlsx/staged_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "sroi/msg/xlsx.hpp"

namespace sroi::xlsx {
namespace fs = std::filesystem;

StagedFile::StagedFile(std::string target, Overwrite overwrite)
    : target_(std::move(target)), overwrite_(overwrite) {
  if (target_.empty()) throw ExportError(msg(Msg::NoOutputFile));
  std::error_code ec;
  auto st = fs::symlink_status(target_, ec);
  if (fs::is_directory(st)) throw ExportError(msg(Msg::OutputIsFolder, as_is(target_)));
  if (fs::exists(st) && overwrite == Overwrite::Refuse)
    throw ExportError(msg(Msg::OutputExists, as_is(target_)), Remedy::Overwrite);
  fs::path parent = fs::path(target_).parent_path();
  if (parent.empty()) parent = ".";
  if (!fs::is_directory(parent))
    throw ExportError(msg(Msg::OutputFolderMissing, as_is(target_), as_is(parent.string())));
  std::string templ = (parent / ("." + fs::path(target_).filename().string() + ".XXXXXX")).string();
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data()))
    throw ExportError(msg(Msg::CannotWriteFile, as_is(target_), as_is(std::strerror(errno))));
  dir_ = buf.data();
  staging_ = (fs::path(dir_) / fs::path(target_).filename()).string();
}

StagedFile::~StagedFile() {
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

void StagedFile::commit() {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(staging_, ec)))
    throw ExportError(msg(Msg::NothingWritten, as_is(target_)));
  if (overwrite_ == Overwrite::Refuse) {
    // link() fails when the name exists, in one step: no check-then-write race.
    if (::link(staging_.c_str(), target_.c_str()) == 0) {
      done_ = true;
      return;
    }
    if (errno == EEXIST)
      throw ExportError(msg(Msg::OutputExists, as_is(target_)), Remedy::Overwrite);
    // A file system without hard links: the check is as close to the rename as it gets.
    if (errno != EPERM && errno != ENOTSUP && errno != EXDEV)
      throw ExportError(msg(Msg::CannotWriteFile, as_is(target_), as_is(std::strerror(errno))));
    if (fs::exists(fs::symlink_status(target_, ec)))
      throw ExportError(msg(Msg::OutputExists, as_is(target_)), Remedy::Overwrite);
  }
  fs::rename(staging_, target_, ec);
  if (ec) throw ExportError(msg(Msg::CannotWriteFile, as_is(target_), as_is(ec.message())));
  done_ = true;
}

void write_text_file(const std::string& path, const std::string& text, Overwrite overwrite) {
  StagedFile out(path, overwrite);
  int fd = ::open(out.staging_path().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
  if (fd < 0)
    throw ExportError(msg(Msg::CannotWriteFile, as_is(path), as_is(std::strerror(errno))));
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      throw ExportError(msg(Msg::CannotWriteFile, as_is(path), as_is(std::strerror(err))));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0)
    throw ExportError(msg(Msg::CannotWriteFile, as_is(path), as_is(std::strerror(errno))));
  out.commit();
}

}  // namespace sroi::xlsx
