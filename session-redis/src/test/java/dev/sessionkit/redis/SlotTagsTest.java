package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionId;
import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The 16 slot tags: how they were chosen (recomputed here), and how ids carry them. */
class SlotTagsTest {
  private final SecureRandom random = new SecureRandom();

  /** CRC16 (XMODEM) of the tag name, as Redis Cluster computes a hash slot: 0 to 16,383. */
  static int slot(String name) {
    int crc = 0;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      crc ^= (b & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      crc &= 0xffff;
    }
    return crc % 16_384;
  }

  @Test
  void eachTagHashesIntoItsOwnSixteenthOfTheSlots() {
    assertThat(slot("123456789")).as("the CRC16 check value").isEqualTo(0x31C3 % 16_384);
    for (int tag = 0; tag < SlotTags.COUNT; tag++) {
      String hashTag = SlotTags.hashTag(tag);
      String name = hashTag.substring(1, hashTag.length() - 1);
      assertThat(slot(name)).as("slot of tag %d (%s)", tag, name).isBetween(tag * 1024, tag * 1024 + 1023);
      assertThat(SlotHash.getSlot("any:" + hashTag + "s:id")).as("Lettuce agrees").isEqualTo(slot(name));
    }
  }

  @Test
  void anIdMadeForASubjectNamesTheSubjectsTagAndKeeps124RandomBits() {
    Set<Character> firsts = new HashSet<>();
    Set<String> rests = new HashSet<>();
    for (int i = 0; i < 4_000; i++) {
      String subject = "user" + (i % 50);
      SessionId id = SlotTags.newId(subject, random);
      assertThat(SlotTags.ofId(id.value())).isEqualTo(SlotTags.ofSubject(subject));
      if (subject.equals("user7")) {
        firsts.add(id.value().charAt(0));
      }
      rests.add(id.value().substring(1));
    }
    assertThat(firsts).as("2 random bits of the first character").hasSize(4);
    assertThat(rests).hasSize(4_000);
  }

  @Test
  void subjectsSpreadOverAllTagsAndEveryIdMapsToOne() {
    Set<Integer> tags = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      tags.add(SlotTags.ofSubject("user" + i));
      int ofRandomId = SlotTags.ofId(SessionId.random(random).value());
      assertThat(ofRandomId).isBetween(0, SlotTags.COUNT - 1);
    }
    assertThat(tags).hasSize(SlotTags.COUNT);
  }
}
