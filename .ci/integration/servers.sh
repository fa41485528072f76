#!/usr/bin/env bash
# Installs, configures and starts Debian's real servers on 127.0.0.1 for the integration stage
# (issue 3: Vakt's verdicts against the Monitoring Plugins'). Sourced by compare.sh; root only.
# Ports: smtp 25, pop3 110/995, imap 143/993, ftp 2121, ssh 2222, ntp 123, http 8088,
# mariadb 3306, postgresql 5432. Each server has a start_X and stop_X function.

ITEST_DIR="${ITEST_DIR:-/tmp/vakt-itest}"
ITEST_USER=vaktitest
ITEST_PASSWORD=vakt-itest-pw  # a throw-away Unix/database login on a loopback-only test machine

install_servers() {
  export DEBIAN_FRONTEND=noninteractive
  echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
  echo "postfix postfix/mailname string localhost" | debconf-set-selections
  local need=""
  for p in postfix dovecot-imapd dovecot-pop3d vsftpd openssh-server chrony nginx mariadb-server \
           postgresql monitoring-plugins-basic monitoring-plugins-standard openssl; do
    dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
  done
  if [ -n "$need" ]; then
    apt-get update -qq >/dev/null
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $need >/dev/null
  fi
  mkdir -p "$ITEST_DIR"
  id "$ITEST_USER" >/dev/null 2>&1 || useradd -m "$ITEST_USER"
  echo "$ITEST_USER:$ITEST_PASSWORD" | chpasswd
}

start_smtp() {
  postconf -e inet_interfaces=loopback-only inet_protocols=ipv4 \
    "smtpd_banner=\$myhostname ESMTP Postfix (vakt-itest)"
  postfix start >/dev/null 2>&1 || postfix reload >/dev/null 2>&1
}
stop_smtp() { postfix stop >/dev/null 2>&1 || true; }

start_dovecot() {
  # 10-ssl.conf names these paths; it is read before local.conf, so the files must exist there
  local cert=/etc/dovecot/private/dovecot.pem key=/etc/dovecot/private/dovecot.key
  mkdir -p /etc/dovecot/private
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$key" -out "$cert" >/dev/null 2>&1
  # Vakt verifies certificates; the plugins do not. Trust this one as an operator trusts a
  # private CA: a trust store given to the JVM (javax.net.ssl.trustStore).
  rm -f "$ITEST_DIR/trust.p12"
  "$JAVA_HOME/bin/keytool" -importcert -noprompt -alias vakt-itest -file "$cert" \
    -keystore "$ITEST_DIR/trust.p12" -storetype PKCS12 -storepass changeit >/dev/null 2>&1
  cat >/etc/dovecot/local.conf <<CONF
listen = 127.0.0.1
ssl = yes
ssl_cert = <$cert
ssl_key = <$key
CONF
  dovecot
}
stop_dovecot() { doveadm stop >/dev/null 2>&1 || pkill -x dovecot || true; }

start_ftp() {
  mkdir -p /var/run/vsftpd/empty
  cat >"$ITEST_DIR/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=2121
background=YES
local_enable=YES
anonymous_enable=NO
pasv_enable=YES
pasv_min_port=40000
pasv_max_port=40050
secure_chroot_dir=/var/run/vsftpd/empty
pam_service_name=vsftpd
ftpd_banner=vakt-itest FTP ready
CONF
  vsftpd "$ITEST_DIR/vsftpd.conf"
}
stop_ftp() { pkill -f "vsftpd $ITEST_DIR/vsftpd.conf" || true; }

start_ssh() {
  mkdir -p /run/sshd
  ssh-keygen -A >/dev/null 2>&1
  /usr/sbin/sshd -o ListenAddress=127.0.0.1 -p 2222 -o PidFile="$ITEST_DIR/sshd.pid"
}
stop_ssh() { [ -f "$ITEST_DIR/sshd.pid" ] && kill "$(cat "$ITEST_DIR/sshd.pid")" 2>/dev/null || true; }

start_ntp() {
  cat >"$ITEST_DIR/chrony.conf" <<CONF
allow 127.0.0.1
bindaddress 127.0.0.1
local stratum 8
cmdport 0
pidfile $ITEST_DIR/chronyd.pid
driftfile $ITEST_DIR/chrony.drift
CONF
  chronyd -x -f "$ITEST_DIR/chrony.conf"
}
stop_ntp() { [ -f "$ITEST_DIR/chronyd.pid" ] && kill "$(cat "$ITEST_DIR/chronyd.pid")" 2>/dev/null || true; }

start_http() {
  mkdir -p "$ITEST_DIR/www"
  echo "vakt-itest welcome" >"$ITEST_DIR/www/index.html"
  cat >"$ITEST_DIR/nginx.conf" <<CONF
pid $ITEST_DIR/nginx.pid;
error_log $ITEST_DIR/nginx-error.log;
events {}
http {
  access_log off;
  server {
    listen 127.0.0.1:8088;
    root $ITEST_DIR/www;
    location /missing { return 404; }
  }
}
CONF
  nginx -c "$ITEST_DIR/nginx.conf"
}
stop_http() { nginx -c "$ITEST_DIR/nginx.conf" -s stop 2>/dev/null || true; }

start_mysql() {
  service mariadb start >/dev/null
  mysql -e "CREATE USER IF NOT EXISTS '$ITEST_USER'@'127.0.0.1' IDENTIFIED BY '$ITEST_PASSWORD';
            CREATE USER IF NOT EXISTS '$ITEST_USER'@'localhost' IDENTIFIED BY '$ITEST_PASSWORD';"
}
stop_mysql() { service mariadb stop >/dev/null 2>&1 || true; }

start_pgsql() {
  local v
  v=$(ls /usr/lib/postgresql | sort -n | tail -1)
  [ -d "/etc/postgresql/$v/main" ] || pg_createcluster "$v" main >/dev/null
  pg_ctlcluster "$v" main start 2>/dev/null || true
  su postgres -c "psql -qc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ITEST_USER') THEN CREATE ROLE $ITEST_USER LOGIN PASSWORD '$ITEST_PASSWORD'; END IF; END \\\$\\\$;\""
}
stop_pgsql() {
  local v
  v=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_ctlcluster "$v" main stop >/dev/null 2>&1 || true
}
