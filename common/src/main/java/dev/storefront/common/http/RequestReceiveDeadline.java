package dev.storefront.common.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for receiving a whole request, headers and body: from its first byte, a client has
 * {@code storefront.server.request-receive-timeout} (default 10 s) to send the rest, or the
 * connection is closed (with a {@code 408} problem if the headers never completed). Micronaut's
 * idle timeout alone lets a client that sends one byte every few seconds (slowloris), or a short
 * body for a long {@code Content-Length}, hold a connection and its buffers for as long as it
 * likes. The clock runs only while a request is being received: an idle keep-alive connection
 * between requests is governed by {@code micronaut.server.idle-timeout}, which stays above the
 * ALB's 60 s idle timeout.
 *
 * <p>Two handlers share the state of one connection: one before Netty's HTTP codec starts the
 * clock at the first raw byte of a request, one after it stops the clock at the request's last
 * content. Added through Micronaut's {@link NettyServerCustomizer}, as its docs suggest for
 * pipeline changes.
 */
@Singleton
final class RequestReceiveDeadline implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestReceiveDeadline.class);

    private static final String RAW_HANDLER = "storefront-request-deadline-start";
    private static final String DECODED_HANDLER = "storefront-request-deadline-stop";

    private static final String REQUEST_TIMEOUT_BODY = "{\"type\":\"about:blank\",\"title\":\"Request Timeout\","
            + "\"status\":408,\"detail\":\"The request was not received in full within the deadline.\"}";

    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\n"
            + "Content-Type: application/problem+json\r\n"
            + "Connection: close\r\n"
            + "Content-Length: " + REQUEST_TIMEOUT_BODY.length() + "\r\n\r\n"
            + REQUEST_TIMEOUT_BODY).getBytes(StandardCharsets.US_ASCII);

    private final Duration timeout;

    RequestReceiveDeadline(ServerConfiguration configuration) {
        this.timeout = configuration.requestReceiveTimeout();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    /** Adds the two handlers to every HTTP/1.1 connection's pipeline. */
    private final class Customizer implements NettyServerCustomizer {

        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null
                    || pipeline.get(RAW_HANDLER) != null) {
                return;
            }
            Clock clock = new Clock(timeout);
            pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, RAW_HANDLER, clock.start);
            pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, DECODED_HANDLER, clock.stop);
        }
    }

    /** The deadline of the request now being received on one connection. */
    private static final class Clock {

        private final long timeoutNanos;
        private ScheduledFuture<?> expiry;
        private boolean headersReceived;
        private ChannelHandlerContext rawContext;

        final ChannelInboundHandlerAdapter start = new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                rawContext = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (expiry == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    arm();
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                disarm();
                ctx.fireChannelInactive();
            }
        };

        final ChannelInboundHandlerAdapter stop = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    headersReceived = true;
                    if (expiry == null) {
                        // A pipelined request whose bytes came with the previous one's.
                        arm();
                    }
                }
                if (msg instanceof LastHttpContent) {
                    disarm();
                }
                ctx.fireChannelRead(msg);
            }
        };

        Clock(Duration timeout) {
            this.timeoutNanos = timeout.toNanos();
        }

        private void arm() {
            expiry = rawContext.executor().schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
        }

        private void disarm() {
            if (expiry != null) {
                expiry.cancel(false);
                expiry = null;
            }
            headersReceived = false;
        }

        private void expire() {
            expiry = null;
            Channel channel = rawContext.channel();
            LOG.info("Closed the connection from {}: its request was not received in full within {} ms",
                    channel.remoteAddress(), TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
            if (headersReceived) {
                // Micronaut owns the exchange once the headers are in: only the connection can go.
                channel.close();
            } else {
                rawContext.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
