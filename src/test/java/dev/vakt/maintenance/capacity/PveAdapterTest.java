package dev.vakt.maintenance.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Which guest configurations bind a guest to its node (MNT-7, MNT-8). */
class PveAdapterTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Map<String, Boolean> SHARED =
      Map.of("ceph-vm", true, "local-zfs", false, "local", false, "nfs-iso", true);

  static JsonNode json(String s) {
    return JSON.readTree(s);
  }

  @Test
  void qemuDisksIsosAndDevices_MNT7() {
    assertThat(
            PveAdapter.localResources(
                "qemu",
                json(
                    """
                    {"scsi0":"ceph-vm:vm-1-disk-0,size=8G","ide2":"nfs-iso:iso/debian.iso,media=cdrom",
                     "efidisk0":"ceph-vm:vm-1-disk-1","net0":"virtio=AA:BB,bridge=vmbr0",
                     "usb0":"spice","ide3":"none,media=cdrom"}
                    """),
                SHARED))
        .isEmpty();
    assertThat(
            PveAdapter.localResources(
                "qemu",
                json(
                    """
                    {"scsi0":"ceph-vm:vm-1-disk-0","ide2":"local:iso/debian.iso,media=cdrom",
                     "hostpci0":"0000:01:00.0","unused0":"local-zfs:vm-1-disk-9",
                     "sata0":"san:vm-1-disk-2","ide0":"cdrom,media=cdrom"}
                    """),
                SHARED))
        .containsExactlyInAnyOrder(
            "ide2 is on local storage local",
            "hostpci0 passes through a device of the node",
            "unused0 is on local storage local-zfs",
            "sata0 is on storage san, unknown to the nodes, taken as local",
            "ide0 is the node's physical CD drive");
  }

  @Test
  void containerMountPoints_MNT7() {
    assertThat(
            PveAdapter.localResources(
                "lxc",
                json(
                    """
                    {"rootfs":"ceph-vm:subvol-200-disk-0,size=8G",
                     "mp0":"/mnt/pve/cephfs/shared,mp=/data,shared=1",
                     "mp1":"local-zfs:subvol-200-disk-1,mp=/srv","dev0":"/dev/ttyUSB0"}
                    """),
                SHARED))
        .containsExactlyInAnyOrder(
            "mp1 is on local storage local-zfs", "dev0 passes through a device of the node");
  }
}
