// Uploads shown in messages. An <img> or <audio> cannot send the bearer token, so the bytes are fetched with it and
// shown through blob URLs, kept per room (one fetch per upload) and revoked when the room is left. A failure puts a
// line of text where the media would be; it never breaks the room.
import { blob, path } from './api.js';
import { h } from './ui.js';

/** The box the server's image thumbnails fit in (Uploads:ThumbnailSize), and the one a video is first shown in. */
const THUMBNAIL = 320;
const VIDEO_BOX = 480;
/** Sound and video up to this size are fetched at once; larger ones when the person asks to play them. */
const EAGER_BYTES = 4 * 1024 * 1024;

/** Bytes in words: 900 B, 12 KB, 3.4 MB. */
export function size(bytes) {
  if (!(bytes >= 0)) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** A playing time as players show it (whole seconds, rounded down): 0:07, 12:30. */
export function duration(ms) {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Width and height scaled down to fit a square box (for the width/height attributes), or none when unknown. */
function fit(width, height, box) {
  if (!(width > 0 && height > 0)) return {};
  const scale = Math.min(1, box / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

const missing = (text) => h('span.media-missing', text);

/** A room's media: view(type, media) builds a message's media; dispose() revokes every blob URL it made. */
export function mediaShelf() {
  const urls = new Map();
  let dialog = null;
  let disposed = false;

  /** The upload as a blob URL, fetched once. */
  function load(uploadId) {
    if (disposed) return Promise.reject(new Error('The room was left.'));
    let url = urls.get(uploadId);
    if (!url) {
      url = blob(path`/api/uploads/${uploadId}`).then((bytes) => {
        const made = URL.createObjectURL(bytes);
        if (disposed) { URL.revokeObjectURL(made); throw new Error('The room was left.'); }
        return made;
      });
      url.catch(() => { if (urls.get(uploadId) === url) urls.delete(uploadId); });
      urls.set(uploadId, url);
    }
    return url;
  }

  function dispose() {
    disposed = true;
    dialog?.close();
    for (const url of urls.values()) url.then((u) => URL.revokeObjectURL(u), () => {});
    urls.clear();
  }

  function image(media) {
    const name = media.file_name || 'Picture';
    const box = fit(media.width, media.height, THUMBNAIL);
    const picture = h('img', { alt: name, ...box, decoding: 'async' });
    // The space the picture will take, before it arrives (the stylesheet may not set it inline: CSP).
    if (box.width) picture.style.aspectRatio = `${box.width} / ${box.height}`;
    const button = h('button.media-image', { type: 'button', title: `Show ${name} full size`, on: { click: () => enlarge(media, name) } }, picture);
    const broken = () => button.replaceWith(missing('The picture could not be loaded.'));
    picture.addEventListener('error', broken, { once: true });
    load(media.thumbnail_id || media.upload_id).then((url) => { picture.src = url; }, broken);
    return button;
  }

  /** The full picture in a modal dialog (Escape, the Close button or a click beside it closes it). */
  async function enlarge(media, name) {
    dialog?.close();
    const picture = h('img', { alt: name, ...fit(media.width, media.height, Infinity) });
    const status = h('p.muted', { role: 'status' }, 'Loading the picture…');
    const save = h('a', { download: name, hidden: true }, 'Save');
    const close = h('button.secondary.small', { type: 'button' }, 'Close');
    const view = h('dialog.media-view', { 'aria-label': name },
      h('div.row', h('strong', name), media.width ? h('span.muted', `${media.width} × ${media.height}`) : null, save, close), status, picture);
    dialog = view;
    close.addEventListener('click', () => view.close());
    view.addEventListener('click', (event) => { if (event.target === view) view.close(); });
    view.addEventListener('close', () => { view.remove(); if (dialog === view) dialog = null; });
    document.body.append(view);
    view.showModal();
    try {
      const url = await load(media.upload_id);
      picture.src = url;
      save.href = url;
      save.hidden = false;
      status.remove();
    } catch {
      status.textContent = 'The picture could not be loaded.';
    }
  }

  /** Sound or video: its player once the bytes are here (at once when small, on asking when large). */
  function playable(kind, media) {
    const name = media.file_name || (kind === 'audio' ? 'Sound' : 'Video');
    const facts = [name, size(media.size), media.duration_ms != null ? duration(media.duration_ms) : null].filter(Boolean).join(' · ');
    const box = h(`div.media-play.media-${kind}`);
    const failed = (text) => box.replaceChildren(missing(text), ' ', file(media));
    const show = (url, play) => {
      const player = h(kind, { controls: true, preload: 'metadata', src: url, 'aria-label': name,
        ...(kind === 'video' ? fit(media.width, media.height, VIDEO_BOX) : {}) });
      player.addEventListener('error', () => failed(`This browser cannot play ${name}.`), { once: true });
      box.replaceChildren(player, h('span.muted.media-facts', facts));
      if (play) player.play().catch(() => { /* the controls are there to start it */ });
    };
    const what = kind === 'audio' ? 'sound' : 'video';
    if (media.size <= EAGER_BYTES) {
      box.append(h('span.muted', `Loading the ${what}…`));
      load(media.upload_id).then((url) => show(url, false), () => failed(`The ${what} could not be loaded.`));
    } else {
      const start = h('button.secondary', { type: 'button', on: { click: async () => {
        start.disabled = true;
        start.textContent = `Loading the ${what}…`;
        try {
          show(await load(media.upload_id), true);
        } catch {
          failed(`The ${what} could not be loaded.`);
        }
      } } }, h('span', { 'aria-hidden': 'true' }, '▶ '), `Play ${facts}`);
      box.append(start);
    }
    return box;
  }

  /** A download button with the file's name and size: fetches the bytes and saves them under that name. */
  function file(media) {
    const name = media.file_name || 'file';
    const note = h('span.muted', { role: 'status' });
    const button = h('button.secondary.media-download', { type: 'button' },
      h('span', { 'aria-hidden': 'true' }, '⬇ '), `Download ${name}`, h('span.muted', ` (${size(media.size)})`));
    button.addEventListener('click', async () => {
      button.disabled = true;
      note.className = 'muted';
      note.textContent = 'Downloading…';
      try {
        const link = h('a', { href: await load(media.upload_id), download: name, hidden: true });
        document.body.append(link);
        link.click();
        link.remove();
        note.textContent = '';
      } catch {
        note.className = 'error';
        note.textContent = 'The file could not be downloaded.';
      } finally {
        button.disabled = false;
      }
    });
    return h('span.media-file', button, ' ', note);
  }

  /** What a message of this type shows for its upload. */
  function view(type, media) {
    if (!media?.upload_id) return null;
    if (type === 'image') return h('div.media', image(media));
    if (type === 'audio' || type === 'video') return h('div.media', playable(type, media));
    return h('div.media', file(media));
  }

  return { view, dispose };
}
