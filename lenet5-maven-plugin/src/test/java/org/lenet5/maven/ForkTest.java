package org.lenet5.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forked JVM's request file, on file systems with POSIX permissions, with ACLs, and neither. */
class ForkTest {

  @Test
  void theRequestFileIsTheOwnersOnlyWhereTheFileSystemHasPosixPermissions(@TempDir Path dir)
      throws IOException {
    Path file = Fork.createRequestFile(dir);

    assertThat(file).isEmptyFile().hasParent(dir);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void onAWindowsFileSystemWithoutPosixOrAclViewsTheRequestFileIsStillCreated()
      throws IOException {
    try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
      Path dir = Files.createDirectories(windows.getPath("C:\\project\\target\\lenet5"));
      assertThat(windows.supportedFileAttributeViews()).doesNotContain("posix", "acl");

      Path file = Fork.createRequestFile(dir);

      assertThat(file).isEmptyFile().hasParent(dir);
      assertThat(file.getFileName().toString()).startsWith("request-").endsWith(".properties");
    }
  }

  @Test
  void onAWindowsFileSystemWithAclsTheRequestFileAllowsItsOwnerOnly() throws IOException {
    Configuration withAcls =
        Configuration.windows().toBuilder().setAttributeViews("basic", "owner", "acl").build();
    try (FileSystem windows = Jimfs.newFileSystem(withAcls)) {
      Path dir = Files.createDirectories(windows.getPath("C:\\project\\target\\lenet5"));
      assertThat(windows.supportedFileAttributeViews()).doesNotContain("posix");

      Path file = Fork.createRequestFile(dir);

      AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
      UserPrincipal owner = acl.getOwner();
      assertThat(file).isEmptyFile();
      assertThat(acl.getAcl())
          .containsExactly(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
              .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build());
    }
  }
}
