// SPDX-License-Identifier: EUPL-1.2
#include "sroi/accounts/secrets.hpp"

#include <gtest/gtest.h>

#include <set>

namespace sroi::accounts {

TEST(Secrets, PasswordHashIsArgon2idAndVerifiesOnlyTheSamePassword) {
  std::string h = hash_password("een-lang-wachtwoord");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u) << h;
  EXPECT_EQ(h.find("een-lang-wachtwoord"), std::string::npos);
  EXPECT_TRUE(verify_password(h, "een-lang-wachtwoord"));
  EXPECT_FALSE(verify_password(h, "een-lang-wachtwoorD"));
  EXPECT_FALSE(verify_password(h, ""));
  // A fresh salt each time: the same password never gives the same hash.
  EXPECT_NE(hash_password("een-lang-wachtwoord"), h);
}

TEST(Secrets, SameOnlyWhenEqualAndNotEmpty) {
  EXPECT_TRUE(same_secret("abc", "abc"));
  EXPECT_FALSE(same_secret("abc", "abd"));  // differs in the last byte
  EXPECT_FALSE(same_secret("xbc", "abc"));  // in the first
  EXPECT_FALSE(same_secret("abc", "abcd"));
  EXPECT_FALSE(same_secret("", ""));
  EXPECT_TRUE(same_secret(std::string("a\0b", 3), std::string("a\0b", 3)));  // bytes, not C text
  EXPECT_FALSE(same_secret(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(Secrets, GeneratedPasswordsAndTokensAreLongAndDifferent) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string p = generate_password();
    ASSERT_EQ(p.size(), 23u) << p;  // 4 groups of 5 and 3 dashes
    EXPECT_GE(p.size(), kMinPasswordLength);
    EXPECT_TRUE(seen.insert(p).second) << "repeated " << p;
  }
  std::string t = generate_token();
  ASSERT_EQ(t.size(), 5u + 64u);
  EXPECT_EQ(t.rfind("sroi_", 0), 0u);
  EXPECT_NE(generate_token(), t);
  // What is stored: the SHA-256 of the whole token (of "abc": the known digest).
  EXPECT_EQ(token_sha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace sroi::accounts
